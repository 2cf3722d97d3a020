package io.shoal.core.expression;

/** Which request parameter an expression came from; DynamoDB names it in every error message. */
public enum ExpressionKind {
  CONDITION("ConditionExpression"),
  FILTER("FilterExpression"),
  KEY_CONDITION("KeyConditionExpression"),
  UPDATE("UpdateExpression"),
  PROJECTION("ProjectionExpression");

  private final String parameterName;

  ExpressionKind(String parameterName) {
    this.parameterName = parameterName;
  }

  /** The request parameter name, as it appears in DynamoDB's messages. */
  public String parameterName() {
    return parameterName;
  }
}
