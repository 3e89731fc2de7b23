package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.properties;
import static dev.svod.infra.Templates.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StorageIT {

  private final Template template = Synthesized.full().template;

  @Test
  void everyBucketBlocksPublicAccessAndIsEncrypted() {
    Map<String, Map<String, Object>> buckets = resources(template, "AWS::S3::Bucket");

    assertThat(buckets).hasSize(3);
    buckets.values().forEach(bucket -> {
      assertThat((Map<String, Object>) at(bucket, "Properties", "PublicAccessBlockConfiguration")).isEqualTo(Map.of(
          "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
      assertThat((String) at(bucket, "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0,
          "ServerSideEncryptionByDefault", "SSEAlgorithm")).isEqualTo("AES256");
      assertThat(bucket.get("DeletionPolicy")).isEqualTo("Retain");
    });
  }

  @Test
  void everyBucketPolicyDeniesPlainHttpAndOldTls() {
    Map<String, Map<String, Object>> policies = resources(template, "AWS::S3::BucketPolicy");

    assertThat(policies).hasSize(3);
    policies.values().forEach(policy -> {
      List<Map<String, Object>> statements = at(policy, "Properties", "PolicyDocument", "Statement");
      assertThat(statements).anySatisfy(s -> {
        assertThat(s.get("Effect")).isEqualTo("Deny");
        assertThat(s.get("Principal")).isEqualTo(Map.of("AWS", "*"));
        assertThat((Object) at(s, "Condition", "Bool", "aws:SecureTransport")).isEqualTo("false");
      });
      assertThat(statements).anySatisfy(s -> assertThat((Object) at(s, "Condition", "NumericLessThan",
          "s3:TlsVersion")).isEqualTo(1.2));
      // Nothing is granted to everyone: the only "*" principal is in Deny statements.
      assertThat(statements).allSatisfy(s -> {
        if ("Allow".equals(s.get("Effect"))) {
          assertThat(s.get("Principal")).isNotEqualTo(Map.of("AWS", "*")).isNotEqualTo("*");
        }
      });
    });
  }

  @Test
  void sourceBucketLetsConfiguredOriginsUploadPartsAndReadTheirEtag() {
    Map<String, Object> source = properties(template, "AWS::S3::Bucket", "StorageSource");

    Map<String, Object> rule = at(source, "CorsConfiguration", "CorsRules", 0);
    assertThat((List<String>) rule.get("AllowedOrigins"))
        .containsExactly(Synthesized.ORIGIN, "http://localhost:8080");
    assertThat((List<String>) rule.get("AllowedMethods")).contains("PUT");
    assertThat((List<String>) rule.get("ExposedHeaders")).containsExactly("ETag");
  }

  @Test
  void sourceBucketAbortsIncompleteUploadsAfterADayAndArchivesSources() {
    List<Map<String, Object>> rules = at(properties(template, "AWS::S3::Bucket", "StorageSource"),
        "LifecycleConfiguration", "Rules");

    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.get("AbortIncompleteMultipartUpload")).isEqualTo(Map.of("DaysAfterInitiation", 1));
      assertThat(rule.get("Status")).isEqualTo("Enabled");
    });
    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.get("Prefix")).isEqualTo("uploads/");
      assertThat(rule.get("Transitions")).isEqualTo(List.of(
          Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", 60)));
    });
    assertThat((List<?>) at(properties(template, "AWS::S3::Bucket", "StorageOutput"),
        "LifecycleConfiguration", "Rules")).hasSize(1);
  }

  @Test
  void sourceAndOutputLogAccessToTheLogBucket() {
    template.hasResourceProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration", Map.of(
        "LogFilePrefix", "s3/source/", "DestinationBucketName", Match.anyValue())));
    template.hasResourceProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration", Map.of(
        "LogFilePrefix", "s3/output/", "DestinationBucketName", Match.anyValue())));
  }

  @Test
  void withoutConfiguredOriginsTheSourceBucketHasNoCors() {
    Map<String, Object> source = properties(Synthesized.minimal().template, "AWS::S3::Bucket", "StorageSource");

    assertThat(source).doesNotContainKey("CorsConfiguration");
    assertThat((List<?>) at(source, "LifecycleConfiguration", "Rules")).hasSize(1);
  }

  @Test
  void destroyDataDeletesBucketsAndTableWithTheStack() {
    Template disposable = Synthesized.disposable().template;

    resources(disposable, "AWS::S3::Bucket").values()
        .forEach(bucket -> assertThat(bucket.get("DeletionPolicy")).isEqualTo("Delete"));
    assertThat(resources(disposable, "Custom::S3AutoDeleteObjects")).hasSize(3);
    assertThat(resources(disposable, "AWS::DynamoDB::Table").values())
        .allSatisfy(table -> assertThat(table.get("DeletionPolicy")).isEqualTo("Delete"));
  }
}
