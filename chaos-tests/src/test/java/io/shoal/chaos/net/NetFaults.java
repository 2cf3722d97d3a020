package io.shoal.chaos.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Network faults of a namespaced {@link NetnsCluster}, as plain kernel state: {@code /32} blackhole routes (more
 * specific than the /24) installed in the namespaces at both ends of a link, and qdiscs on a node's veth. On a
 * loopback cluster every fault throws {@link UnsupportedOperationException} and every repair does nothing.
 */
public final class NetFaults {
  /** The endpoint name of the router in {@link #cut} and {@link #mend}. */
  public static final String ROUTER = "router";

  private final NetLayout layout;
  private final String loopbackReason;
  private Boolean netem;

  NetFaults(NetLayout layout, String loopbackReason) {
    this.layout = layout;
    this.loopbackReason = loopbackReason;
  }

  /** Drops every packet {@code fromNs} sends to {@code toIp} (a /32 blackhole route in its namespace). */
  void blackhole(String fromNs, String toIp) {
    requireNetwork();
    Sh.mustIn(fromNs, "ip", "route", "replace", "blackhole", toIp + "/32");
  }

  void unblackhole(String fromNs, String toIp) {
    if (!layout.netns) {
      return;
    }
    Sh.run("ip", "netns", "exec", fromNs, "ip", "route", "del", "blackhole", toIp + "/32");
  }

  /** Cuts the link between two endpoints, both directions. An endpoint is a node id or {@link #ROUTER}. */
  public void cut(String a, String b) {
    blackhole(nsOf(a), ipOf(b));
    blackhole(nsOf(b), ipOf(a));
  }

  public void mend(String a, String b) {
    unblackhole(nsOf(a), ipOf(b));
    unblackhole(nsOf(b), ipOf(a));
  }

  /** {@code tc netem} on the node's veth (its egress), e.g. {@code "delay 200ms loss 20%"}. */
  public void netem(String id, String spec) {
    requireNetwork();
    NetNode n = layout.node(id);
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", n.ns, "tc", "qdisc", "replace", "dev",
        n.veth, "root", "netem"));
    cmd.addAll(List.of(spec.trim().split("\\s+")));
    Sh.Result r = Sh.run(cmd);
    if (!r.ok()) {
      throw new IllegalStateException("netem on " + id + " failed: " + r.output());
    }
  }

  /**
   * Whether this kernel has the netem qdisc (minimal VM kernels often lack sch_netem; then only tbf, htb, pfifo
   * and red exist and {@link #throttle} is the slow-link fallback).
   */
  public synchronized boolean netemAvailable() {
    if (!layout.netns) {
      return false;
    }
    if (netem == null) {
      netem = Sh.run("ip", "netns", "exec", layout.hubNs, "tc", "qdisc", "add", "dev", "lo", "root", "netem",
          "delay", "1ms").ok();
      Sh.run("ip", "netns", "exec", layout.hubNs, "tc", "qdisc", "del", "dev", "lo", "root");
    }
    return netem;
  }

  /**
   * Token-bucket throttle on the node's egress ({@code tc tbf}): at {@code rate} (e.g. "128kbit") packets queue
   * up to {@code latency} (e.g. "400ms") and are dropped beyond it, so the link is slow and, under load, lossy.
   */
  public void throttle(String id, String rate, String latency) {
    requireNetwork();
    NetNode n = layout.node(id);
    Sh.mustIn(n.ns, "tc", "qdisc", "replace", "dev", n.veth, "root", "tbf", "rate", rate, "burst", "8kb",
        "latency", latency);
  }

  public void clearNetem(String id) {
    if (!layout.netns) {
      return;
    }
    NetNode n = layout.node(id);
    Sh.run("ip", "netns", "exec", n.ns, "tc", "qdisc", "del", "dev", n.veth, "root");
  }

  private void requireNetwork() {
    if (!layout.netns) {
      throw new UnsupportedOperationException("network faults need network namespaces, unavailable here: "
          + loopbackReason);
    }
  }

  private String nsOf(String endpoint) {
    return ROUTER.equals(endpoint) ? layout.hubNs : layout.node(endpoint).ns;
  }

  private String ipOf(String endpoint) {
    return ROUTER.equals(endpoint) ? layout.routerIp : layout.node(endpoint).ip;
  }
}
