package dev.svod.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.local.LocalCredentials;
import dev.svod.local.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbTest {

  private static final LocalCredentials CREDENTIALS = LocalCredentials.DEFAULT;
  @TempDir Path data;

  private static CreateTableRequest table() {
    return CreateTableRequest.builder()
        .tableName("videos")
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .build();
  }

  @Test
  void createsMissingTablesAndKeepsItemsAcrossARestart() {
    // Given a table created by the runtime and an item written to it
    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(data, "127.0.0.1", 0)) {
      db.ensureTables(CREDENTIALS, List.of(table()));
      try (DynamoDbClient client = db.client(CREDENTIALS)) {
        client.putItem(b -> b.tableName("videos")
            .item(Map.of("pk", AttributeValue.fromS("v1"))));
      }
    }
    // When DynamoDB starts again on the same data directory (ensureTables is idempotent)
    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(data, "127.0.0.1", 0)) {
      db.ensureTables(CREDENTIALS, List.of(table()));
      // Then the item is still there
      try (DynamoDbClient client = db.client(CREDENTIALS)) {
        assertThat(client.scan(b -> b.tableName("videos")).items())
            .containsExactly(Map.of("pk", AttributeValue.fromS("v1")));
      }
    }
  }

  @Test
  void runsBesideS3InOneJvm() {
    // S3Proxy (shaded Jetty 12.1) and DynamoDB Local (Jetty 12.0) share this JVM.
    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(data, "127.0.0.1", 0);
        EmbeddedS3 s3 = EmbeddedS3.start(data, "127.0.0.1", 0, CREDENTIALS, List.of("b"),
            List.of())) {
      db.ensureTables(CREDENTIALS, List.of(table()));
      try (DynamoDbClient client = db.client(CREDENTIALS)) {
        assertThat(client.listTables().tableNames()).containsExactly("videos");
      }
      assertThat(s3.store().containerExists("b")).isTrue();
    }
  }
}
