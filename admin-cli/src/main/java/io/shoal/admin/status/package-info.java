/**
 * What `shoal status` reports: a {@link io.shoal.admin.status.StatusReport} built from a cluster view
 * and the local cluster.json ({@link io.shoal.admin.status.StatusBuilder}), rendered as text tables
 * ({@link io.shoal.admin.status.StatusFormatter}) or serialised as one JSON document.
 *
 * <p>Pure: no RPC, no process inspection, no clock (the caller passes "now" and liveness in), so every
 * rendering is testable from a hand-built view.
 */
package io.shoal.admin.status;
