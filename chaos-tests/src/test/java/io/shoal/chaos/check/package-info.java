/**
 * History checkers for the chaos suite: the model of a recorded history ({@link io.shoal.chaos.check.Op},
 * {@link io.shoal.chaos.check.HistoryRecorder}, {@link io.shoal.chaos.check.HistoryJson}), the per-key
 * linearizability checker for registers ({@link io.shoal.chaos.check.LinearizabilityChecker}), the lost-write
 * check for grow-only sets ({@link io.shoal.chaos.check.SetChecker}) and the replica digest comparison
 * ({@link io.shoal.chaos.check.ReplicaAgreement}).
 *
 * <p>Pure code: no clients, no clusters, no clocks beyond the one a recorder is given. The ITs in
 * {@code io.shoal.chaos} record and fetch; this package only judges, so it is unit-tested on hand-written and
 * simulated histories.
 */
package io.shoal.chaos.check;
