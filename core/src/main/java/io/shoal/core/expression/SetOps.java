package io.shoal.core.expression;

import com.google.protobuf.ByteString;
import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.BinarySet;
import io.shoal.proto.StringSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ADD and DELETE actions of UpdateExpression on numbers and sets. */
final class SetOps {
  private SetOps() {}

  /** ADD: missing attribute behaves as 0 or the empty set; numbers add, sets union. */
  static AttributeValue add(AttributeValue existing, AttributeValue operand) {
    if (operand.hasN()) {
      if (existing == null) {
        return operand;
      }
      if (!existing.hasN()) {
        throw new ExpressionException(Update.WRONG_TYPE);
      }
      BigDecimal sum = Values.number(existing).add(Values.number(operand));
      return Values.number(DynamoNumber.validate(sum));
    }
    if (existing == null) {
      return operand;
    }
    if (existing.getValueCase() != operand.getValueCase()) {
      throw new ExpressionException(Update.WRONG_TYPE);
    }
    switch (existing.getValueCase()) {
      case SS: {
        Set<String> out = new LinkedHashSet<>(existing.getSs().getValuesList());
        out.addAll(operand.getSs().getValuesList());
        return AttributeValue.newBuilder().setSs(StringSet.newBuilder().addAllValues(out)).build();
      }
      case NS: {
        Map<BigDecimal, String> out = numbers(existing);
        numbers(operand).forEach(out::putIfAbsent);
        return AttributeValue.newBuilder()
            .setNs(StringSet.newBuilder().addAllValues(out.values())).build();
      }
      default: {
        Set<ByteString> out = new LinkedHashSet<>(existing.getBs().getValuesList());
        out.addAll(operand.getBs().getValuesList());
        return AttributeValue.newBuilder().setBs(BinarySet.newBuilder().addAllValues(out)).build();
      }
    }
  }

  /** DELETE: removes elements; returns null when nothing is left (the attribute is removed). */
  static AttributeValue delete(AttributeValue existing, AttributeValue operand) {
    if (existing == null) {
      return null;
    }
    if (existing.getValueCase() != operand.getValueCase()) {
      throw new ExpressionException(Update.WRONG_TYPE);
    }
    AttributeValue out;
    switch (existing.getValueCase()) {
      case SS: {
        List<String> rest = new ArrayList<>(existing.getSs().getValuesList());
        rest.removeAll(operand.getSs().getValuesList());
        out = AttributeValue.newBuilder().setSs(StringSet.newBuilder().addAllValues(rest)).build();
        break;
      }
      case NS: {
        Map<BigDecimal, String> rest = numbers(existing);
        rest.keySet().removeAll(numbers(operand).keySet());
        out = AttributeValue.newBuilder()
            .setNs(StringSet.newBuilder().addAllValues(rest.values())).build();
        break;
      }
      default: {
        List<ByteString> rest = new ArrayList<>(existing.getBs().getValuesList());
        rest.removeAll(operand.getBs().getValuesList());
        out = AttributeValue.newBuilder().setBs(BinarySet.newBuilder().addAllValues(rest)).build();
      }
    }
    return Values.size(out) == 0 ? null : out;
  }

  private static Map<BigDecimal, String> numbers(AttributeValue v) {
    Map<BigDecimal, String> out = new LinkedHashMap<>();
    for (String n : v.getNs().getValuesList()) {
      out.putIfAbsent(new BigDecimal(n).stripTrailingZeros(), n);
    }
    return out;
  }
}
