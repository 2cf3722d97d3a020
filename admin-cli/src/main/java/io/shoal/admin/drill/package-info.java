/**
 * Failover drills ({@code shoal drill}): a small recorded load against the local cluster, one scheduled fault, and a
 * report judged by the history checkers of {@link io.shoal.admin.check}: time until every group had a leader, write
 * unavailability per group, client errors, lost acknowledged writes, linearizability of the register keys, and
 * replica agreement.
 */
package io.shoal.admin.drill;
