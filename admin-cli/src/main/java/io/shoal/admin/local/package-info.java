/**
 * Local clusters: the processes `shoal up` starts on this machine and the {@code cluster.json} file that
 * records them (layout, ports, zones, command lines, pids).
 *
 * <p>Public API for the CLI and the chaos tests: {@link io.shoal.admin.local.LocalCluster} (load, start
 * and kill single processes, stop all), {@link io.shoal.admin.local.ClusterStarter} (the whole `up`:
 * start and wait until the cluster serves), {@link io.shoal.admin.local.ClusterLayout} (who gets which
 * ports and zone) and {@link io.shoal.admin.local.ProcessLauncher} / {@link
 * io.shoal.admin.local.Processes} (detached launch, liveness, pid-reuse-safe signalling).
 *
 * <p>It must not parse command lines or print (commands in {@code io.shoal.admin.cluster} do), and it
 * never signals a pid without first checking that the process still runs the recorded command.
 */
package io.shoal.admin.local;
