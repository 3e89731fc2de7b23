package dev.svod.functions.workflow;

import dev.svod.functions.TransientException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Gives workflow task failures deliberate error names: AWS throttling, 5xx answers and network
 * failures become {@link TransientException} (retried by the state machine); everything else keeps
 * its own type (final).
 */
public final class TaskErrors {
  private TaskErrors() {}

  public static <T> T classify(Supplier<T> task) {
    try {
      return task.get();
    } catch (SdkClientException e) {
      throw new TransientException("AWS could not be reached: " + e.getMessage(), e);
    } catch (AwsServiceException e) {
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        throw new TransientException("AWS answered " + e.statusCode() + ", try again: " + e.getMessage(), e);
      }
      throw e;
    }
  }
}
