package io.shoal.admin.check;

import java.util.List;

/**
 * A sequential specification for the linearizability checker: the state of one key and how each operation
 * changes it. States must be immutable values with {@code equals}/{@code hashCode} (null allowed), since the
 * checker caches (linearized set, state) pairs.
 */
public interface Model<S> {
  S initial();

  /** Whether {@code op}, linearized now, is consistent with what it observed (for INFO: that it took effect). */
  boolean legal(S state, Op op);

  /** The state after {@code op}; only called when {@link #legal} said yes. */
  S apply(S state, Op op);

  /**
   * The operations of one key worth searching, FAIL operations already removed. A model may drop operations
   * that provably cannot change the verdict (for example INFO reads). The default keeps everything.
   */
  default List<Op> prepare(List<Op> ops) {
    return ops;
  }

  /** The state shown in explanations. */
  default String show(S state) {
    return String.valueOf(state);
  }
}
