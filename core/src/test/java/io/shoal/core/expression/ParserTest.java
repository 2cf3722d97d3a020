package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.core.expression.Ast.And;
import io.shoal.core.expression.Ast.Clause;
import io.shoal.core.expression.Ast.Compare;
import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.Index;
import io.shoal.core.expression.Ast.Not;
import io.shoal.core.expression.Ast.Or;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.core.expression.Ast.UpdateAction;
import io.shoal.core.expression.Ast.ValueRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape of the trees the parsers build, before names and values are bound. */
class ParserTest {

  @Test
  void precedenceIsNotThenAndThenOr() {
    Cond c = ConditionParser.parseCondition("a = :x OR b = :y and NOT c = :z", ExpressionKind.CONDITION);
    assertThat(c).isInstanceOf(Or.class);
    Or or = (Or) c;
    assertThat(or.left()).isEqualTo(new Compare("=", path("a"), new ValueRef(":x")));
    And and = (And) or.right();
    assertThat(and.right()).isInstanceOf(Not.class);
  }

  @Test
  void andIsLeftAssociative() {
    Cond c = ConditionParser.parseCondition("a = :x AND b = :x AND c = :x", ExpressionKind.CONDITION);
    And outer = (And) c;
    assertThat(outer.left()).isInstanceOf(And.class);
    assertThat(outer.right()).isEqualTo(new Compare("=", path("c"), new ValueRef(":x")));
  }

  @Test
  void pathsMixNamesAliasesAndIndexes() {
    Cond c = ConditionParser.parseCondition("attribute_exists(a.#b[2][0].c)", ExpressionKind.CONDITION);
    Ast.FunctionCond f = (Ast.FunctionCond) c;
    Path p = ((PathRef) f.args().get(0)).path();
    assertThat(p.elements()).containsExactly(new Field("a", false), new Field("#b", true),
        new Index(2), new Index(0), new Field("c", false));
    assertThat(p.toString()).isEqualTo("[a, #b, [2], [0], c]");
  }

  @Test
  void updateClausesInAnyOrder() {
    List<UpdateAction> actions = UpdateParser.parse("delete s :s REMOVE a, b Set c = :v");
    assertThat(actions).extracting(UpdateAction::clause)
        .containsExactly(Clause.DELETE, Clause.REMOVE, Clause.REMOVE, Clause.SET);
    assertThat(actions.get(3).value()).isEqualTo(new ValueRef(":v"));
    assertThat(actions.get(1).value()).isNull();
  }

  @Test
  void projectionKeepsOrder() {
    assertThat(ConditionParser.parseProjection("b, a[1], c.d")).hasSize(3)
        .first().extracting(Path::head).isEqualTo("b");
  }

  private static PathRef path(String name) {
    return new PathRef(new Path(List.of(new Field(name, false))));
  }
}
