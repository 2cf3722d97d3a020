/**
 * Hybrid logical clock for commit timestamps: wall-clock milliseconds in the high 48 bits and a
 * 16-bit logical counter, so timestamps stay close to real time yet strictly increase per process
 * and move past any timestamp the process has observed.
 *
 * <p>Reads time only through an injected source. Raft apply must never call it: proposers stamp
 * commands, and replicas apply the stamped value.
 */
package io.shoal.core.hlc;
