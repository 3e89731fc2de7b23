package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.catalog.CatalogSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogIT {

  private final Map<String, Object> table =
      properties(Synthesized.full().template, "AWS::DynamoDB::Table", "CatalogTable");

  @Test
  void tableHasTheSchemasKeysOnDemandBillingRecoveryAndTtl() {
    assertThat(table.get("KeySchema")).isEqualTo(List.of(
        Map.of("AttributeName", CatalogSchema.PARTITION_KEY, "KeyType", "HASH"),
        Map.of("AttributeName", CatalogSchema.SORT_KEY, "KeyType", "RANGE")));
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat((Object) at(table, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")).isEqualTo(true);
    assertThat(table.get("TimeToLiveSpecification"))
        .isEqualTo(Map.of("AttributeName", CatalogSchema.TTL_ATTRIBUTE, "Enabled", true));
    assertThat((List<Map<String, Object>>) table.get("AttributeDefinitions"))
        .extracting(a -> a.get("AttributeName"))
        .containsExactlyInAnyOrderElementsOf(CatalogSchema.STRING_KEY_ATTRIBUTES);
  }

  @Test
  void tableHasEveryIndexOfTheSchema() {
    List<Map<String, Object>> indexes = (List<Map<String, Object>>) table.get("GlobalSecondaryIndexes");

    assertThat(indexes).hasSameSizeAs(CatalogSchema.INDEXES);
    for (CatalogSchema.IndexSpec spec : CatalogSchema.INDEXES) {
      assertThat(indexes).anySatisfy(index -> {
        assertThat(index.get("IndexName")).isEqualTo(spec.name());
        assertThat(index.get("KeySchema")).isEqualTo(List.of(
            Map.of("AttributeName", spec.partitionKey(), "KeyType", "HASH"),
            Map.of("AttributeName", spec.sortKey(), "KeyType", "RANGE")));
        assertThat(index.get("Projection")).isEqualTo(Map.of("ProjectionType", spec.projection().toString()));
      });
    }
  }
}
