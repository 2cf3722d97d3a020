package io.shoal.admin.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A single item as a read/write/compare-and-set register: PUT writes, DELETE writes "absent", GET reads, CAS
 * writes only when the current value equals its expected value (null = absent). The state is the current value,
 * null when absent.
 */
public final class RegisterModel implements Model<String> {
  private final String initial;

  /** A register that starts absent, as a fresh table's item does. */
  public RegisterModel() {
    this(null);
  }

  public RegisterModel(String initial) {
    this.initial = initial;
  }

  @Override
  public String initial() {
    return initial;
  }

  @Override
  public boolean legal(String state, Op op) {
    return switch (op.kind()) {
      case PUT, DELETE -> true;
      case GET -> Objects.equals(state, op.result());
      // An OK cas succeeded, so the value matched. An INFO cas that is linearized at all must have succeeded
      // too: one that failed its condition had no effect, which is the same as leaving it out.
      case CAS -> Objects.equals(state, op.expected());
      case ADD -> throw new IllegalArgumentException("ADD is not a register operation: " + op.describe());
    };
  }

  @Override
  public String apply(String state, Op op) {
    return switch (op.kind()) {
      case PUT, CAS -> op.value();
      case DELETE -> null;
      case GET -> state;
      case ADD -> throw new IllegalArgumentException("ADD is not a register operation: " + op.describe());
    };
  }

  /**
   * Drops INFO reads (they observed nothing we know of and change nothing) and INFO writes/cas of a value that no
   * operation observes (no OK read returns it, no cas expects it). The second rule is what keeps timeouts from
   * making the search exponential, and it is sound: in any linearization, the operations between an unobserved
   * write and the next write would all have to observe its value, so there are none, and removing the write
   * leaves a legal sequence; an INFO operation may be omitted, so the history without it is linearizable exactly
   * when the history with it is.
   */
  @Override
  public List<Op> prepare(List<Op> ops) {
    Set<String> observed = new HashSet<>();
    for (Op op : ops) {
      if (op.kind() == OpKind.GET && op.outcome() == Outcome.OK) {
        observed.add(op.result());
      } else if (op.kind() == OpKind.CAS) {
        observed.add(op.expected());
      }
    }
    List<Op> kept = new ArrayList<>(ops.size());
    for (Op op : ops) {
      if (op.outcome() == Outcome.INFO) {
        if (op.kind() == OpKind.GET) {
          continue;
        }
        String written = op.kind() == OpKind.DELETE ? null : op.value();
        if (!observed.contains(written)) {
          continue;
        }
      }
      kept.add(op);
    }
    return kept;
  }

  @Override
  public String show(String state) {
    return Op.show(state);
  }
}
