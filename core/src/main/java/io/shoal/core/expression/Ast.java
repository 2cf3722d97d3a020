package io.shoal.core.expression;

import io.shoal.proto.AttributeValue;
import java.util.List;

/**
 * Expression syntax trees. The parser produces trees whose paths may hold {@code #name} aliases and
 * whose operands may hold {@code :value} references; {@link Resolver} returns copies with both bound,
 * so one cached parse serves requests with different values.
 */
public final class Ast {
  private Ast() {}

  /** One step of a document path: a map key / top-level name, or a list index. */
  public sealed interface PathElement permits Field, Index {}

  /** {@code alias} is true while {@code name} is still an unresolved {@code #name}. */
  public record Field(String name, boolean alias) implements PathElement {
    @Override
    public String toString() {
      return name;
    }
  }

  public record Index(int index) implements PathElement {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** A document path such as {@code a.b[2].#c}. Never empty; the first element is a Field. */
  public record Path(List<PathElement> elements) {
    public Path {
      elements = List.copyOf(elements);
    }

    public String head() {
      return ((Field) elements.get(0)).name();
    }

    /** DynamoDB's rendering in overlap/conflict messages: {@code [a, b, [0]]}. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(elements.get(i));
      }
      return sb.append(']').toString();
    }
  }

  /** Something that yields a value: a path, a value, a function call or arithmetic. */
  public sealed interface Operand permits PathRef, ValueRef, Literal, Call, Arith {}

  public record PathRef(Path path) implements Operand {}

  /** An unresolved {@code :value}. */
  public record ValueRef(String name) implements Operand {}

  /** A bound {@code :value}. */
  public record Literal(AttributeValue value) implements Operand {}

  /** size, if_not_exists, list_append, or (in conditions) a boolean function used as an operand. */
  public record Call(String name, List<Operand> args) implements Operand {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code a + b} or {@code a - b}, only inside SET. */
  public record Arith(boolean plus, Operand left, Operand right) implements Operand {}

  /** A boolean condition. */
  public sealed interface Cond permits Compare, Between, In, And, Or, Not, FunctionCond {}

  /** {@code op} is one of = &lt;&gt; &lt; &lt;= &gt; &gt;=. */
  public record Compare(String op, Operand left, Operand right) implements Cond {}

  public record Between(Operand value, Operand low, Operand high) implements Cond {}

  public record In(Operand value, List<Operand> candidates) implements Cond {
    public In {
      candidates = List.copyOf(candidates);
    }
  }

  public record And(Cond left, Cond right) implements Cond {}

  public record Or(Cond left, Cond right) implements Cond {}

  public record Not(Cond inner) implements Cond {}

  /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
  public record FunctionCond(String name, List<Operand> args) implements Cond {
    public FunctionCond {
      args = List.copyOf(args);
    }
  }

  /** One action of an UpdateExpression. {@code value} is null for REMOVE. */
  public record UpdateAction(Clause clause, Path path, Operand value) {}

  public enum Clause {
    SET,
    REMOVE,
    ADD,
    DELETE
  }
}
