package io.shoal.admin.check;

import java.util.List;

/**
 * The verdict for one key.
 *
 * @param key the key
 * @param verdict LINEARIZABLE, NOT_LINEARIZABLE, or UNKNOWN when the step or cache budget ran out
 * @param opsChecked operations searched, after FAIL, INFO reads and unobserved INFO writes were dropped
 * @param steps search steps used
 * @param longestPrefix NOT_LINEARIZABLE only: the longest sequence of operations the search could linearize
 * @param stateAfterPrefix the model state after {@code longestPrefix}, as text
 * @param blocked NOT_LINEARIZABLE only: the operation whose completion came before it could be linearized after
 *     that prefix (usually the read that saw a value it could not have seen)
 * @param explanation one paragraph for the failure message
 */
public record KeyResult(String key, Verdict verdict, int opsChecked, long steps, List<Op> longestPrefix,
    String stateAfterPrefix, Op blocked, String explanation) {}
