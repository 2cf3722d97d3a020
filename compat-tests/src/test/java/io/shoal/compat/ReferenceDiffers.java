package io.shoal.compat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test whose expectation is DynamoDB's documented or observed behaviour, where the named reference server is known
 * to answer differently. Disabled only when {@code -Dcompat.reference} names that server; never against Shoal.
 * Every reason is listed in docs/compatibility.md.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(ReferenceDiffersCondition.class)
public @interface ReferenceDiffers {
  /** The reference server that differs. */
  String server() default "dynalite";

  /** What the reference does instead of DynamoDB. */
  String reason();
}
