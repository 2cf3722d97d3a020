/**
 * History checkers for the chaos suite: the model of a recorded history ({@link io.shoal.admin.check.Op},
 * {@link io.shoal.admin.check.HistoryRecorder}, {@link io.shoal.admin.check.HistoryJson}), the per-key
 * linearizability checker for registers ({@link io.shoal.admin.check.LinearizabilityChecker}), the lost-write
 * check for grow-only sets ({@link io.shoal.admin.check.SetChecker}) and the replica digest comparison
 * ({@link io.shoal.admin.check.ReplicaAgreement}).
 *
 * <p>Pure code: no clients, no clusters, no clocks beyond the one a recorder is given. It lives in the operator CLI
 * because {@code shoal drill} judges its histories with it, and the chaos suite's ITs ({@code io.shoal.chaos}, which
 * see admin-cli's classes) record and fetch; this package only judges, so it is unit-tested on hand-written and
 * simulated histories.
 */
package io.shoal.admin.check;
