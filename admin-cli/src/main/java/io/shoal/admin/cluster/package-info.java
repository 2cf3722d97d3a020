/**
 * The subcommands of {@code shoal}: option parsing and printing only. They delegate to
 * {@code io.shoal.admin.local} (processes, cluster.json) and {@code io.shoal.admin.status} (reports).
 */
package io.shoal.admin.cluster;
