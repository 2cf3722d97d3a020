package io.shoal.admin.drill;

/**
 * One drill's outcome: whether every check passed, and its headline write unavailability in seconds (the longest
 * gap between acknowledged writes of the worst group the fault hit), which {@code --runs} summarises.
 */
record DrillOutcome(boolean clean, double unavailability) {}
