package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.properties;
import static dev.svod.infra.Templates.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.VodConfig;
import dev.svod.functions.video.PlaybackSigner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class DeliveryIT {

  private final Template template = Synthesized.full().template;
  private final Map<String, Object> distribution =
      at(properties(template, "AWS::CloudFront::Distribution", "Delivery"), "DistributionConfig");

  private Map<String, Object> cachePolicy(Object ref) {
    String id = (String) ((Map<?, ?>) ref).get("Ref");
    return at(resources(template, "AWS::CloudFront::CachePolicy").get(id), "Properties", "CachePolicyConfig");
  }

  @Test
  void outputBucketIsReadThroughOriginAccessControlOnly() {
    assertThat(resources(template, "AWS::CloudFront::OriginAccessControl")).hasSize(1);
    Map<String, Object> origin = at(distribution, "Origins", 0);
    assertThat(origin.get("OriginAccessControlId")).isNotNull();
    assertThat(origin.get("S3OriginConfig")).isEqualTo(Map.of("OriginAccessIdentity", ""));
    assertThat(origin.get("DomainName").toString()).contains("StorageOutput");

    Map<String, Object> policy = properties(template, "AWS::S3::BucketPolicy", "StorageOutputPolicy");
    assertThat((List<Map<String, Object>>) at(policy, "PolicyDocument", "Statement")).anySatisfy(s -> {
      assertThat(s.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
      assertThat(s.get("Action")).isEqualTo("s3:GetObject");
      assertThat(s.get("Condition").toString()).contains("AWS:SourceArn").contains("DeliveryDistribution");
    });
  }

  @Test
  void playlistsAreCachedBrieflyAndCompressedSegmentsForeverOverHttpsOnly() {
    Map<String, Object> media = at(distribution, "DefaultCacheBehavior");
    assertThat(media.get("ViewerProtocolPolicy")).isEqualTo("https-only");
    assertThat(cachePolicy(media.get("CachePolicyId")).get("DefaultTTL")).isEqualTo(31536000);
    assertThat(cachePolicy(media.get("CachePolicyId")).get("MinTTL")).isEqualTo(31536000);

    List<Map<String, Object>> behaviors = (List<Map<String, Object>>) distribution.get("CacheBehaviors");
    assertThat(behaviors).extracting(b -> b.get("PathPattern")).containsExactlyInAnyOrder("v/*.m3u8", "v/*.vtt");
    for (Map<String, Object> playlists : behaviors) {
      assertThat(playlists.get("ViewerProtocolPolicy")).isEqualTo("https-only");
      assertThat(playlists.get("Compress")).isEqualTo(true);
      Map<String, Object> cache = cachePolicy(playlists.get("CachePolicyId"));
      assertThat(cache.get("DefaultTTL")).isEqualTo(5);
      assertThat((Object) at(cache, "ParametersInCacheKeyAndForwardedToOrigin", "EnableAcceptEncodingGzip"))
          .isEqualTo(true);
    }
    assertThat(at(distribution, "Logging").toString()).contains("cloudfront/");
  }

  @Test
  void responsesCarryCorsForConfiguredOriginsAndImmutableCacheControlForSegments() {
    List<Map<String, Object>> policies = resources(template, "AWS::CloudFront::ResponseHeadersPolicy").values()
        .stream().map(r -> (Map<String, Object>) at(r, "Properties", "ResponseHeadersPolicyConfig")).toList();

    assertThat(policies).hasSize(2).allSatisfy(p -> assertThat((Object) at(p, "CorsConfig",
        "AccessControlAllowOrigins", "Items")).isEqualTo(List.of(Synthesized.ORIGIN, "http://localhost:8080")));
    assertThat(policies).anySatisfy(p -> assertThat(at(p, "CustomHeadersConfig").toString())
        .contains("max-age=31536000, immutable"));
  }

  @Test
  void signedUrlsRequireTheConfiguredKeyGroupEverywhere() {
    assertThat(resources(template, "AWS::CloudFront::KeyGroup")).hasSize(1);
    assertThat((Object) at(distribution, "DefaultCacheBehavior", "TrustedKeyGroups")).isNotNull();
    ((List<Map<String, Object>>) distribution.get("CacheBehaviors"))
        .forEach(b -> assertThat(b.get("TrustedKeyGroups")).isNotNull());

    Map<String, Object> minimal = at(properties(Synthesized.minimal().template, "AWS::CloudFront::Distribution",
        "Delivery"), "DistributionConfig");
    assertThat((Map<String, Object>) minimal.get("DefaultCacheBehavior")).doesNotContainKey("TrustedKeyGroups");
  }

  @Test
  void signedUrlsLetOnlyTheApiSignWithThePrivateKeyOfTheKeyGroupsPublicKey() {
    Map<String, Object> api = properties(template, "AWS::Lambda::Function", "FunctionsApiFunction");
    Map<String, Map<String, Object>> secrets = resources(template, "AWS::SecretsManager::Secret");
    assertThat(secrets).hasSize(1);
    String secretId = secrets.keySet().iterator().next();
    assertThat(secretId).startsWith("DeliverySigningPrivateKey");

    // The API function signs with the key group's public key id and reads the private key's secret
    assertThat(at(api, "Environment", "Variables", PlaybackSigner.KEY_PAIR_ID).toString()).contains("DeliverySigningKey");
    assertThat((Object) at(api, "Environment", "Variables", PlaybackSigner.KEY_SECRET_ARN))
        .isEqualTo(Map.of("Ref", secretId));
    assertThat(Templates.statements(template).stream()
        .filter(e -> Map.of("Ref", secretId).equals(e.getValue().get("Resource"))).toList())
        .singleElement().satisfies(e -> {
          assertThat(e.getKey()).startsWith("FunctionsApi");
          assertThat(Templates.list(e.getValue().get("Action"))).contains("secretsmanager:GetSecretValue");
        });
    assertThat(template.findOutputs("*").keySet()).contains("PlaybackSigningKeySecretArn", "PlaybackKeyPairId");

    // Without signed URLs: no secret, no signing variables, no outputs
    Template minimal = Synthesized.minimal().template;
    assertThat(resources(minimal, "AWS::SecretsManager::Secret")).isEmpty();
    assertThat((Map<String, Object>) at(properties(minimal, "AWS::Lambda::Function", "FunctionsApiFunction"),
        "Environment", "Variables")).doesNotContainKeys(PlaybackSigner.KEY_PAIR_ID, PlaybackSigner.KEY_SECRET_ARN);
    assertThat(minimal.findOutputs("*").keySet()).doesNotContain("PlaybackSigningKeySecretArn");
  }

  @Test
  void apiBuildsPlaybackUrlsOnTheDistributionAndTheStackOutputsWhatClientsNeed() {
    Map<String, Object> api = properties(template, "AWS::Lambda::Function", "FunctionsApiFunction");

    assertThat(at(api, "Environment", "Variables", VodConfig.PLAYBACK_BASE_URL).toString())
        .contains("https://").contains("DeliveryDistribution").contains("DomainName");
    assertThat(FunctionSpec.API.environmentVariables()).contains(VodConfig.PLAYBACK_BASE_URL);
    assertThat(template.findOutputs("*").keySet()).contains("ApiUrl", "PlaybackDomain", "SourceBucketName",
        "OutputBucketName", "TableName", "StateMachineArn");
  }
}
