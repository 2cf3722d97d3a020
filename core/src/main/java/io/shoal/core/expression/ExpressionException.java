package io.shoal.core.expression;

/**
 * An expression DynamoDB would reject with a ValidationException. {@link #getMessage()} is exactly
 * DynamoDB's message text, so the API layer can pass it through unchanged.
 */
public final class ExpressionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }

  /** "Invalid &lt;Kind&gt;: &lt;detail&gt;", the form DynamoDB uses for problems inside one expression. */
  static ExpressionException invalid(ExpressionKind kind, String detail) {
    return new ExpressionException("Invalid " + kind.parameterName() + ": " + detail);
  }
}
