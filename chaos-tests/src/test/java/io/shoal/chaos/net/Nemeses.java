package io.shoal.chaos.net;

import io.shoal.admin.drill.TransferTarget;
import io.shoal.chaos.ClusterProbe;
import io.shoal.proto.ClusterView;
import io.shoal.proto.TransferLeaderResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The faults of the chaos suite, each a {@link Nemesis} over a {@link NetnsCluster}. Network faults are
 * blackhole routes (both directions, so neither side's packets arrive) and {@code tc netem}; process faults are
 * signals; the leader-transfer storm drives the nodes' TransferLeader RPC.
 */
public final class Nemeses {
  private Nemeses() {}

  /** Picks a node id when a fault starts. */
  public interface Target extends Function<NetnsCluster, String> {
    String describe();
  }

  /** The node leading the most groups according to the metadata leader (ties: lowest id); any node if none. */
  public static Target busiestLeader() {
    return new Target() {
      @Override
      public String apply(NetnsCluster c) {
        ClusterView v = c.probe().view().orElse(null);
        if (v == null) {
          return c.nodeIds().get(0);
        }
        return ClusterProbe.leadersPerNode(v).entrySet().stream()
            .max(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue())
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .map(Map.Entry::getKey).orElse(c.nodeIds().get(0));
      }

      @Override
      public String describe() {
        return "busiest leader";
      }
    };
  }

  /** A node drawn from the schedule's seeded random. */
  public static Target random(Random rnd) {
    return new Target() {
      @Override
      public String apply(NetnsCluster c) {
        return c.nodeIds().get(rnd.nextInt(c.nodeIds().size()));
      }

      @Override
      public String describe() {
        return "random node";
      }
    };
  }

  public static Target node(String id) {
    return new Target() {
      @Override
      public String apply(NetnsCluster c) {
        return id;
      }

      @Override
      public String describe() {
        return id;
      }
    };
  }

  private abstract static class Base implements Nemesis {
    final NetnsCluster c;
    final String name;
    String description;

    Base(NetnsCluster c, String name) {
      this.c = c;
      this.name = name;
      this.description = name + " (not started)";
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /** SIGKILL a node; heal restarts it on the same data directory. */
  public static Nemesis killRestart(NetnsCluster c, Target t) {
    return new Base(c, "kill-restart") {
      String id;

      @Override
      public void start() throws InterruptedException {
        id = t.apply(c);
        description = "kill -9 " + id + " (" + t.describe() + "), restart on heal";
        c.processes().killNode(id);
      }

      @Override
      public void heal() {
        if (id != null && !c.node(id).running()) {
          c.processes().startNode(id);
        }
      }
    };
  }

  /** SIGSTOP a node (it keeps its sockets; peers see silence, then a burst); heal sends SIGCONT. */
  public static Nemesis pause(NetnsCluster c, Target t) {
    return new Base(c, "pause") {
      String id;

      @Override
      public void start() {
        id = t.apply(c);
        description = "SIGSTOP " + id + " (" + t.describe() + "), SIGCONT on heal";
        c.processes().pauseNode(id);
      }

      @Override
      public void heal() {
        if (id != null) {
          c.processes().resumeNode(id);
        }
      }
    };
  }

  /** Cuts every link between side A and side B (both directions). */
  private static class Cut extends Base {
    final List<String[]> cuts = new ArrayList<>();

    Cut(NetnsCluster c, String name) {
      super(c, name);
    }

    void cutAll(List<String> a, List<String> b) {
      for (String x : a) {
        for (String y : b) {
          cuts.add(new String[] {x, y});
          c.network().cut(x, y);
        }
      }
    }

    @Override
    public void start() {}

    @Override
    public void heal() {
      for (String[] xy : cuts) {
        c.network().mend(xy[0], xy[1]);
      }
      cuts.clear();
    }
  }

  /** Cuts one node from every peer and from the router. */
  public static Nemesis isolate(NetnsCluster c, Target t) {
    return new Cut(c, "isolate") {
      @Override
      public void start() {
        String id = t.apply(c);
        List<String> others = new ArrayList<>(c.nodeIds());
        others.remove(id);
        others.add(NetnsCluster.ROUTER);
        description = "isolate " + id + " (" + t.describe() + ") from " + others;
        cutAll(List.of(id), others);
      }
    };
  }

  /**
   * Splits the nodes into a minority (the target, a single node for 3) and the majority; the router still reaches
   * both sides, so it keeps sending to a minority node that may believe it still leads.
   */
  public static Nemesis partitionMinority(NetnsCluster c, Target t) {
    return new Cut(c, "partition-minority") {
      @Override
      public void start() {
        String first = t.apply(c);
        List<String> all = new ArrayList<>(c.nodeIds());
        int minoritySize = (all.size() - 1) / 2;
        List<String> minority = new ArrayList<>();
        minority.add(first);
        for (String id : all) {
          if (minority.size() < minoritySize && !minority.contains(id)) {
            minority.add(id);
          }
        }
        List<String> majority = new ArrayList<>(all);
        majority.removeAll(minority);
        description = "partition minority " + minority + " (" + t.describe() + ") | majority " + majority
            + " (router reaches both)";
        cutAll(minority, majority);
      }
    };
  }

  /** Isolates every node of one zone from the other zones' nodes and from the router. */
  public static Nemesis isolateZone(NetnsCluster c, String zone) {
    return new Cut(c, "isolate-zone") {
      @Override
      public void start() {
        List<String> in = c.nodes().stream().filter(n -> n.zone().equals(zone)).map(NetNode::id).toList();
        List<String> out = new ArrayList<>(c.nodeIds());
        out.removeAll(in);
        out.add(NetnsCluster.ROUTER);
        description = "isolate zone " + zone + " " + in + " from " + out;
        cutAll(in, out);
      }
    };
  }

  /**
   * Slow, lossy egress on one node's link: netem on its veth (e.g. "delay 200ms loss 20%"); where the kernel has
   * no netem, a tbf throttle (128 kbit/s, packets queued past 400 ms dropped) stands in and the description says so.
   */
  public static Nemesis slowLink(NetnsCluster c, Target t, String netem) {
    return new Base(c, "slow-link") {
      String id;

      @Override
      public void start() {
        id = t.apply(c);
        if (c.network().netemAvailable()) {
          description = "netem " + netem + " on " + id + " (" + t.describe() + ")";
          c.network().netem(id, netem);
        } else {
          description = "tbf rate 128kbit latency 400ms on " + id + " (" + t.describe() + "; this kernel has no "
              + "netem, so bandwidth throttling with tail drops instead of '" + netem + "')";
          c.network().throttle(id, "128kbit", "400ms");
        }
      }

      @Override
      public void heal() {
        if (id != null) {
          c.network().clearNetem(id);
        }
      }
    };
  }

  /**
   * Random packet loss without netem: a thread flips the target's links to every peer and the router on and off
   * (blackhole routes both ways) in 250 ms slots, each slot cut with probability {@code lossPercent}/100, drawn
   * from a seeded random.
   */
  public static Nemesis flakyLink(NetnsCluster c, Target t, int lossPercent, long seed) {
    return new Base(c, "flaky-link") {
      final AtomicBoolean stop = new AtomicBoolean();
      Thread flipper;
      String id;
      List<String> others;
      volatile boolean cutNow;

      @Override
      public void start() {
        id = t.apply(c);
        others = new ArrayList<>(c.nodeIds());
        others.remove(id);
        others.add(NetnsCluster.ROUTER);
        description = "flaky links of " + id + " (" + t.describe() + ") to " + others + ": " + lossPercent
            + "% of 250 ms slots cut";
        Random r = new Random(seed);
        flipper = new Thread(() -> {
          while (!stop.get()) {
            boolean cut = r.nextInt(100) < lossPercent;
            if (cut != cutNow) {
              others.forEach(o -> {
                if (cut) {
                  c.network().cut(id, o);
                } else {
                  c.network().mend(id, o);
                }
              });
              cutNow = cut;
            }
            try {
              Thread.sleep(250);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "flaky-link-" + id);
        flipper.setDaemon(true);
        flipper.start();
      }

      @Override
      public void heal() throws InterruptedException {
        stop.set(true);
        if (flipper != null) {
          flipper.join(5000);
          others.forEach(o -> c.network().mend(id, o));
        }
      }
    };
  }

  /** SIGKILL the router mid-load and start a new one at once; nothing to heal. */
  public static Nemesis routerRestart(NetnsCluster c) {
    return new Base(c, "router-restart") {
      @Override
      public void start() throws InterruptedException {
        description = "kill -9 the router and start it again";
        c.processes().restartRouter();
      }

      @Override
      public void heal() {}
    };
  }

  /**
   * Leader-transfer storm: while it holds, every 200-600 ms (seeded) a group drawn at random is told to hand its
   * leadership to a random other replica (NodeService/TransferLeader, sent to the leader the metadata view names,
   * following one NOT_LEADER hint). Each node's LeaderBalancer gives a group back to its preferred replica once a
   * leader has held it 3 s; the storm moves groups faster than that, and the handbacks it provokes are part of the
   * storm. Heal stops it and leaves leadership where it is (the balancer tidies up).
   */
  public static Nemesis leaderStorm(NetnsCluster c, long seed) {
    return new Base(c, "leader-storm") {
      final AtomicBoolean stop = new AtomicBoolean();
      final Map<String, Integer> outcomes = new java.util.TreeMap<>();
      Thread stormer;
      long t0;

      @Override
      public void start() {
        description = "leader-transfer storm: a random group to a random other replica every 200-600 ms";
        t0 = System.nanoTime();
        Random r = new Random(seed);
        stormer = new Thread(() -> {
          while (!stop.get()) {
            String outcome = transferOne(c, r);
            synchronized (outcomes) {
              outcomes.merge(outcome, 1, Integer::sum);
            }
            try {
              Thread.sleep(200 + r.nextInt(401));
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "leader-storm");
        stormer.setDaemon(true);
        stormer.start();
      }

      @Override
      public void heal() throws InterruptedException {
        stop.set(true);
        if (stormer != null) {
          stormer.join(10_000);
          synchronized (outcomes) {
            description = String.format("leader-transfer storm for %.1f s, transfers: %s", (System.nanoTime() - t0)
                / 1e9, outcomes);
          }
          stormer = null;
        }
      }
    };
  }

  /** One storm step; returns "started", the refusal's error code, "no leader" or "unanswered". */
  static String transferOne(NetnsCluster c, Random r) {
    ClusterView v = c.probe().view().orElse(null);
    Optional<TransferTarget> t = v == null ? Optional.empty() : TransferTarget.pick(v, r);
    if (t.isEmpty()) {
      return "no leader";
    }
    try {
      TransferLeaderResponse resp = c.probe().transferLeader(ClusterProbe.grpcOf(v, t.get().leader()),
          t.get().group(), t.get().to());
      return resp.hasError() ? resp.getError().getCode().name() : "started";
    } catch (RuntimeException e) {
      return "unanswered";
    }
  }
}
