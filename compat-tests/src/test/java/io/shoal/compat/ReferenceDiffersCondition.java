package io.shoal.compat;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Disables {@link ReferenceDiffers} tests when the suite runs against that reference server. */
final class ReferenceDiffersCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getElement()
        .flatMap(e -> AnnotationSupport.findAnnotation(e, ReferenceDiffers.class))
        .filter(a -> a.server().equalsIgnoreCase(Endpoint.reference()))
        .map(a -> ConditionEvaluationResult.disabled(a.server() + " differs from DynamoDB: " + a.reason()))
        .orElse(ConditionEvaluationResult.enabled("DynamoDB behaviour expected"));
  }
}
