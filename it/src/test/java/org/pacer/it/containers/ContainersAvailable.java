package org.pacer.it.containers;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a container test class, with the reason and the command that fixes it, when this machine
 * cannot run container nodes (no Docker engine, no base image, no dist tarball): evaluated once per
 * class, so the report lists every test as skipped with that message.
 */
public final class ContainersAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("decided for the class");
    }
    Optional<String> why = NodeImage.unavailable();
    if (why.isPresent()) {
      String reason = "container clusters skipped: " + why.get();
      System.out.println(context.getDisplayName() + ": " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
    return ConditionEvaluationResult.enabled("a Docker engine, the base image and the tarball");
  }
}
