/**
 * What {@code shoal bench run} sends: each workload's requests as pre-encoded byte templates with fixed-width key
 * slots, the key distributions (uniform, zipfian), the query table's partition layout and the preload. Everything
 * derives from the seed, so two runs with the same settings send the same keys.
 */
package io.shoal.admin.bench.workload;
