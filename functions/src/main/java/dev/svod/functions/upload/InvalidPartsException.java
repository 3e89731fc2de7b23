package dev.svod.functions.upload;

import dev.svod.functions.InvalidRequestException;
import java.util.List;

/** Completing an upload named parts S3 does not hold, or with ETags that do not match (HTTP 400). */
public final class InvalidPartsException extends InvalidRequestException {
  private final List<Integer> missingParts;
  private final List<Integer> wrongEtagParts;

  public InvalidPartsException(List<Integer> missingParts, List<Integer> wrongEtagParts) {
    super("INVALID_PARTS", describe(missingParts, wrongEtagParts));
    this.missingParts = List.copyOf(missingParts);
    this.wrongEtagParts = List.copyOf(wrongEtagParts);
  }

  public List<Integer> missingParts() {
    return missingParts;
  }

  public List<Integer> wrongEtagParts() {
    return wrongEtagParts;
  }

  private static String describe(List<Integer> missing, List<Integer> wrong) {
    StringBuilder message = new StringBuilder("cannot complete the upload:");
    if (!missing.isEmpty()) {
      message.append(" parts not uploaded ").append(missing).append(';');
    }
    if (!wrong.isEmpty()) {
      message.append(" wrong ETag for parts ").append(wrong).append(';');
    }
    message.setLength(message.length() - 1);
    return message.toString();
  }
}
