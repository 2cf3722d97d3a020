package io.shoal.admin.check;

import java.util.ArrayList;
import java.util.List;

/** A terse builder for hand-written histories in tests; times are plain numbers. */
final class H {
  private final List<Op> ops = new ArrayList<>();
  private final String key;

  H(String key) {
    this.key = key;
  }

  static H key(String key) {
    return new H(key);
  }

  H put(int p, String v, long from, long to) {
    return add(Op.put(ops.size(), p, key, v, from, to, Outcome.OK));
  }

  H putInfo(int p, String v, long from, long gaveUpAt) {
    return add(Op.put(ops.size(), p, key, v, from, gaveUpAt, Outcome.INFO));
  }

  H putFail(int p, String v, long from, long to) {
    return add(Op.put(ops.size(), p, key, v, from, to, Outcome.FAIL));
  }

  H delete(int p, long from, long to) {
    return add(Op.delete(ops.size(), p, key, from, to, Outcome.OK));
  }

  /** An acknowledged read; {@code v} null means it found nothing. */
  H get(int p, String v, long from, long to) {
    return add(Op.get(ops.size(), p, key, v, from, to));
  }

  H getInfo(int p, long from, long to) {
    return add(new Op(ops.size(), p, OpKind.GET, key, null, null, from, to, Outcome.INFO, null));
  }

  H cas(int p, String expected, String v, long from, long to, Outcome outcome) {
    return add(Op.cas(ops.size(), p, key, expected, v, from, to, outcome));
  }

  H add(Op op) {
    ops.add(op);
    return this;
  }

  Op op(int index) {
    return ops.get(index);
  }

  List<Op> ops() {
    return List.copyOf(ops);
  }

  KeyResult check() {
    return LinearizabilityChecker.register().checkKey(key, ops);
  }

  KeyResult check(String initial) {
    return new LinearizabilityChecker<>(new RegisterModel(initial)).checkKey(key, ops);
  }
}
