package dev.svod.local.runtime;

import dev.svod.functions.catalog.CatalogSchema;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Leaves a video as the workflow leaves it after an outage that outlasted its retries, for tests of
 * the retry of failed renditions. Written straight into the runtime's table: no workflow path leads
 * from READY back to PARTIALLY_READY.
 */
public final class Outages {
  private Outages() {}

  /**
   * Makes the video PARTIALLY_READY with its run ended ({@code settledAt}, as the workflow's last step
   * writes it) and its {@code rendition} FAILED (without an encoded result).
   */
  public static void leavePartiallyReady(LocalRuntime runtime, String videoId, String rendition) {
    try (DynamoDbClient dynamo = runtime.credentials().client(DynamoDbClient.builder(),
        runtime.endpoints().dynamoDb())) {
      dynamo.updateItem(b -> b.tableName(LocalRuntime.TABLE)
          .key(key(videoId, "VIDEO"))
          .updateExpression("SET #status = :status, #index = :index, #error = :error, #settledAt = :now")
          .expressionAttributeNames(Map.of("#status", "status", "#error", "error",
              "#index", CatalogSchema.GSI_STATUS_PK, "#settledAt", "settledAt"))
          .expressionAttributeValues(Map.of(":status", AttributeValue.fromS("PARTIALLY_READY"),
              ":index", AttributeValue.fromS("STATUS#PARTIALLY_READY"),
              ":now", AttributeValue.fromS(Instant.now().toString()),
              ":error", AttributeValue.fromS("some renditions failed: " + rendition + " (capacity)"))));
      dynamo.updateItem(b -> b.tableName(LocalRuntime.TABLE)
          .key(key(videoId, "RENDITION#" + rendition))
          .updateExpression("SET #status = :status, #error = :error REMOVE encoded")
          .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
          .expressionAttributeValues(Map.of(":status", AttributeValue.fromS("FAILED"),
              ":error", AttributeValue.fromS("ECS.AmazonECSException: capacity is unavailable"))));
    }
  }

  private static Map<String, AttributeValue> key(String videoId, String sortKey) {
    return Map.of(CatalogSchema.PARTITION_KEY, AttributeValue.fromS("VIDEO#" + videoId),
        CatalogSchema.SORT_KEY, AttributeValue.fromS(sortKey));
  }
}
