package dev.svod.functions.catalog;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one definition of the catalog table: uploads, videos and renditions in a single table.
 * CDK (infra) and the local runtime create the table from these constants; the item schemas in this
 * package use the same names.
 *
 * <p>Items:
 * <ul>
 *   <li>video: {@code pk=VIDEO#{videoId}}, {@code sk=VIDEO}; indexed in both GSIs;
 *   <li>rendition: {@code pk=VIDEO#{videoId}}, {@code sk=RENDITION#{name}} (so one Query returns a
 *       video with its renditions);
 *   <li>upload: {@code pk=UPLOAD#{uploadId}}, {@code sk=UPLOAD}, with {@link #TTL_ATTRIBUTE} set while
 *       it is unfinished so abandoned uploads expire.
 * </ul>
 *
 * <p>Both GSIs use string keys and project ALL attributes, so a listing needs no second read. The
 * newest-first index has a single partition value ({@code VIDEO}); video creation rates of a VOD
 * platform are far below a GSI partition's write limit, and it makes "newest first" one Query.
 */
public final class CatalogSchema {

  /** Partition key attribute (string). */
  public static final String PARTITION_KEY = "pk";
  /** Sort key attribute (string). */
  public static final String SORT_KEY = "sk";

  /** GSI listing every video newest first: partition {@link #GSI_CREATED_PK}, sort {@link #GSI_CREATED_SK}. */
  public static final String GSI_BY_CREATED = "byCreated";
  public static final String GSI_CREATED_PK = "gsi1pk";
  public static final String GSI_CREATED_SK = "gsi1sk";

  /** GSI listing videos of one status newest first: partition {@link #GSI_STATUS_PK}, sort {@link #GSI_STATUS_SK}. */
  public static final String GSI_BY_STATUS_CREATED = "byStatusCreated";
  public static final String GSI_STATUS_PK = "gsi2pk";
  public static final String GSI_STATUS_SK = "gsi2sk";

  /** Epoch-seconds attribute DynamoDB TTL deletes items by (unfinished uploads). */
  public static final String TTL_ATTRIBUTE = "ttl";

  /** One global secondary index: name, string partition and sort key, projection ALL. */
  public record IndexSpec(String name, String partitionKey, String sortKey, ProjectionType projection) {}

  /** The table's global secondary indexes. */
  public static final List<IndexSpec> INDEXES = List.of(
      new IndexSpec(GSI_BY_CREATED, GSI_CREATED_PK, GSI_CREATED_SK, ProjectionType.ALL),
      new IndexSpec(GSI_BY_STATUS_CREATED, GSI_STATUS_PK, GSI_STATUS_SK, ProjectionType.ALL));

  /** Every key attribute of the table and its indexes; all are strings. */
  public static final List<String> STRING_KEY_ATTRIBUTES =
      List.of(PARTITION_KEY, SORT_KEY, GSI_CREATED_PK, GSI_CREATED_SK, GSI_STATUS_PK, GSI_STATUS_SK);

  private CatalogSchema() {}

  /** The SDK request creating the table (on-demand billing), for the local runtime and tests. */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(STRING_KEY_ATTRIBUTES.stream()
            .map(name -> AttributeDefinition.builder()
                .attributeName(name).attributeType(ScalarAttributeType.S).build())
            .toList())
        .keySchema(hash(PARTITION_KEY), range(SORT_KEY))
        .globalSecondaryIndexes(INDEXES.stream()
            .map(index -> GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(hash(index.partitionKey()), range(index.sortKey()))
                .projection(Projection.builder().projectionType(index.projection()).build())
                .build())
            .toList())
        .build();
  }

  /** The SDK request enabling TTL on {@link #TTL_ATTRIBUTE}. */
  public static UpdateTimeToLiveRequest enableTimeToLiveRequest(String tableName) {
    return UpdateTimeToLiveRequest.builder()
        .tableName(tableName)
        .timeToLiveSpecification(TimeToLiveSpecification.builder()
            .attributeName(TTL_ATTRIBUTE).enabled(true).build())
        .build();
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }
}
