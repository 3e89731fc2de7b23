package dev.svod.functions.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.svod.functions.RetryableUrlConnectionHttpClient;
import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.CatalogSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * DynamoDB Local (in memory) and S3Proxy (transient store, SigV4 checked) started once per test JVM,
 * with real SDK clients pointing at them. Each test gets its own table and buckets through
 * {@link #newConfig()}, so tests never see each other's data.
 */
public final class LocalAws {
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "local-secret";
  public static final Region REGION = Region.US_EAST_1;

  private static LocalAws instance;

  private final URI dynamoEndpoint;
  private final URI s3Endpoint;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final S3Presigner presigner;

  private LocalAws() throws Exception {
    int dynamoPort = freePort();
    DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(dynamoPort)});
    dynamo.start();
    dynamoEndpoint = URI.create("http://127.0.0.1:" + dynamoPort);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    s3Endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    dynamoDb = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(REGION)
        .credentialsProvider(credentials).httpClient(RetryableUrlConnectionHttpClient.create()).build();
    s3 = S3Client.builder().endpointOverride(s3Endpoint).region(REGION).credentialsProvider(credentials)
        .httpClient(RetryableUrlConnectionHttpClient.create()).forcePathStyle(true).build();
    presigner = S3Presigner.builder().endpointOverride(s3Endpoint).region(REGION).credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        proxy.stop();
        dynamo.stop();
      } catch (Exception e) {
        // JVM is exiting
      }
    }));
  }

  /** The shared instance, started on first use. */
  public static synchronized LocalAws get() {
    if (instance == null) {
      try {
        instance = new LocalAws();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start DynamoDB Local / S3Proxy: " + e.getMessage(), e);
      }
    }
    return instance;
  }

  /** A configuration with a fresh table and fresh source/output buckets, all created. */
  public VodConfig newConfig() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    VodConfig config = new VodConfig("source-" + suffix, "output-" + suffix, "catalog-" + suffix,
        "arn:aws:states:us-east-1:000000000000:stateMachine:vod", "https://cdn.example.test",
        VodConfig.DEFAULT_MAX_UPLOAD_BYTES, Duration.ofHours(1), TranscodeBackend.LAMBDA,
        TranscodeGrouping.PER_RENDITION, 4, REGION.id(), true);
    dynamoDb.createTable(CatalogSchema.createTableRequest(config.tableName()));
    dynamoDb.updateTimeToLive(CatalogSchema.enableTimeToLiveRequest(config.tableName()));
    s3.createBucket(b -> b.bucket(config.sourceBucket()));
    s3.createBucket(b -> b.bucket(config.outputBucket()));
    return config;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public S3Client s3() {
    return s3;
  }

  public S3Presigner presigner() {
    return presigner;
  }

  public URI s3Endpoint() {
    return s3Endpoint;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
