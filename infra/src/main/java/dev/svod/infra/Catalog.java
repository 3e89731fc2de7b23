package dev.svod.infra;

import dev.svod.functions.catalog.CatalogSchema;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.constructs.Construct;

/**
 * The catalog table (uploads, videos, renditions), built from {@link CatalogSchema}, the definition
 * the functions and the local runtime use: on-demand billing, point-in-time recovery, TTL for
 * abandoned uploads, and the schema's GSIs.
 */
public final class Catalog extends Construct {

  private final Table table;

  public Catalog(Construct scope, String id, VodSettings settings) {
    super(scope, id);
    table = new Table(this, "Table", TableProps.builder()
        .partitionKey(string(CatalogSchema.PARTITION_KEY))
        .sortKey(string(CatalogSchema.SORT_KEY))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true).build())
        .timeToLiveAttribute(CatalogSchema.TTL_ATTRIBUTE)
        .encryption(TableEncryption.AWS_MANAGED)
        .removalPolicy(settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
        .build());
    for (CatalogSchema.IndexSpec index : CatalogSchema.INDEXES) {
      table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
          .indexName(index.name())
          .partitionKey(string(index.partitionKey()))
          .sortKey(string(index.sortKey()))
          .projectionType(projection(index.projection()))
          .build());
    }
  }

  private static Attribute string(String name) {
    return Attribute.builder().name(name).type(AttributeType.STRING).build();
  }

  private static ProjectionType projection(software.amazon.awssdk.services.dynamodb.model.ProjectionType type) {
    return switch (type) {
      case ALL -> ProjectionType.ALL;
      case KEYS_ONLY -> ProjectionType.KEYS_ONLY;
      default -> throw new IllegalArgumentException("CatalogSchema index projection " + type
          + " needs its attribute list, which IndexSpec does not carry");
    };
  }

  public ITable table() {
    return table;
  }
}
