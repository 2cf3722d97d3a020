package io.shoal.chaos.net;

/**
 * One fault the chaos suite can inject into a {@link NetnsCluster}: {@link #start()} breaks something,
 * {@link #heal()} repairs exactly that. Targets are chosen when the fault starts (for example "the node leading
 * the most groups right now"), so {@link #describe()} is meaningful only after {@link #start()}.
 */
public interface Nemesis {
  /** A short stable name, e.g. "isolate-busiest-leader". */
  String name();

  /** What it did, with the resolved targets, for the log and the report. */
  String describe();

  void start() throws Exception;

  /** Undoes {@link #start()}; must be safe to call once after a failed or partial start. */
  void heal() throws Exception;
}
