/**
 * What a bench measured, as immutable values (per op, per run, per client count, compare medians and ratios) and
 * their renderings: the human table, the JSON document and the progress line. Pure: no I/O, no clocks.
 */
package io.shoal.admin.bench.report;
