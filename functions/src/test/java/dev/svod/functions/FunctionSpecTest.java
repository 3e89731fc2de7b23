package dev.svod.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class FunctionSpecTest {

  @ParameterizedTest
  @EnumSource(FunctionSpec.class)
  void handlerIsALambdaHandlerWithBothConstructors(FunctionSpec function) throws Exception {
    Class<?> handler = Class.forName(function.handlerClass());
    assertThat(RequestHandler.class.isAssignableFrom(handler) || RequestStreamHandler.class.isAssignableFrom(handler))
        .isTrue();
    assertThat(Arrays.stream(handler.getMethods()).anyMatch(m -> m.getName().equals(function.handlerMethod())))
        .isTrue();
    assertThat(handler.getConstructor()).isNotNull();
    assertThat(Arrays.stream(handler.getConstructors()).map(Constructor::getParameterTypes)
            .anyMatch(types -> Arrays.asList(types).contains(VodConfig.class)))
        .as("a constructor taking clients and VodConfig").isTrue();
    assertThat(Modifier.isAbstract(handler.getModifiers())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(FunctionSpec.class)
  void limitsFitLambda(FunctionSpec function) {
    assertThat(function.memoryMb()).isBetween(128, 10240);
    assertThat(function.timeoutSeconds()).isBetween(1, 900);
    assertThat(function.environmentVariables()).contains(VodConfig.TABLE, VodConfig.SOURCE_BUCKET, VodConfig.OUTPUT_BUCKET);
  }

  @Test
  void onlyTheMediaStepsCarryFfmpeg() {
    assertThat(Arrays.stream(FunctionSpec.values()).filter(FunctionSpec::runsFfmpeg))
        .containsExactlyInAnyOrder(FunctionSpec.PROBE, FunctionSpec.TRANSCODE, FunctionSpec.THUMBNAILS);
  }

  @Test
  void substitutionKeysAreUnique() {
    assertThat(StateMachineSpec.allSubstitutions()).doesNotHaveDuplicates();
    assertThat(FunctionSpec.API.aslSubstitution()).isEmpty();
    assertThat(FunctionSpec.PROBE.aslSubstitution()).contains("ProbeFunctionArn");
  }

  @ParameterizedTest
  @EnumSource(FunctionSpec.class)
  void buildsEveryHandlerInProcessWithoutTouchingTheNetwork(FunctionSpec function) {
    URI nowhere = URI.create("http://127.0.0.1:9");
    var credentials = AnonymousCredentialsProvider.create();
    Handlers.Dependencies dependencies = new Handlers.Dependencies(
        S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials).endpointOverride(nowhere).build(),
        S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(credentials).endpointOverride(nowhere).build(),
        DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials).endpointOverride(nowhere).build(),
        (name, input) -> {
          throw new AssertionError("nothing is started while building handlers");
        },
        VodConfig.fromMap(Map.of(VodConfig.SOURCE_BUCKET, "s", VodConfig.OUTPUT_BUCKET, "o", VodConfig.TABLE, "t")));

    Object handler = Handlers.create(function, dependencies);

    assertThat(handler.getClass().getName()).isEqualTo(function.handlerClass());
  }

  @Test
  void containerMainClassExists() throws Exception {
    assertThat(Class.forName(FunctionSpec.CONTAINER_MAIN_CLASS).getMethod("main", String[].class)).isNotNull();
  }
}
