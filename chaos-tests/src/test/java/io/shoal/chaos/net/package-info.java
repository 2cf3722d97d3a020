/**
 * Multi-process clusters whose nodes live in their own network namespaces ({@link io.shoal.chaos.net.NetnsCluster}),
 * the faults injected into them ({@link io.shoal.chaos.net.Nemeses}, scheduled by a seeded
 * {@link io.shoal.chaos.net.NemesisSchedule}) and the drills that run a recorded workload through those faults and
 * judge it with {@link io.shoal.admin.check}.
 *
 * <p>Owns: namespaces, veths, the hub bridge, blackhole routes and tc qdiscs it creates (all named with a per-run
 * prefix {@code shx<octet>}, addresses only in 198.19.0.0/16), and the node and router processes it starts. Must
 * not touch: any other interface or route of the root namespace (it adds only its own veth end and, if missing, a
 * {@code blackhole 198.18.0.0/15} safety route it removes again), the loopback ports other suites use, or
 * processes it did not start.
 */
package io.shoal.chaos.net;
