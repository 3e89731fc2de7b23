package dev.svod.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.svod.local.LocalCredentials;
import dev.svod.local.runtime.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * DynamoDB Local running in this JVM, file-backed ({@code -sharedDb}: one database file for every
 * access key and region, so the AWS CLI sees the same tables as the runtime), without telemetry.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamoDb.class);

  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private EmbeddedDynamoDb(DynamoDBProxyServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts DynamoDB Local with its database under {@code dataDir/dynamodb}.
   *
   * @param port 0 for any free port
   */
  public static EmbeddedDynamoDb start(Path dataDir, String host, int port) {
    Path dbPath = dataDir.resolve("dynamodb");
    try {
      Files.createDirectories(dbPath);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dbPath, e);
    }
    // DynamoDB Local cannot report the port it bound, so a free one is chosen first.
    int actualPort = port == 0 ? Ports.free(host) : port;
    try {
      DynamoDBProxyServer server =
          withoutStandardOutput(
              () -> {
                DynamoDBProxyServer created =
                    ServerRunner.createServerFromCommandLineArgs(
                        new String[] {
                          "-sharedDb",
                          "-dbPath", dbPath.toString(),
                          "-port", Integer.toString(actualPort),
                          "-disableTelemetry"
                        });
                created.start();
                return created;
              });
      return new EmbeddedDynamoDb(server, URI.create("http://" + host + ":" + actualPort));
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot start DynamoDB Local on port " + actualPort + ": " + e.getMessage(), e);
    }
  }

  private interface Startup {
    DynamoDBProxyServer run() throws Exception;
  }

  /**
   * DynamoDB Local prints its whole configuration to standard output when it starts; the runtime
   * prints its own table of endpoints instead, so that print is dropped (start-up is
   * single-threaded, nothing else writes meanwhile).
   */
  private static synchronized DynamoDBProxyServer withoutStandardOutput(Startup startup)
      throws Exception {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return startup.run();
    } finally {
      System.setOut(original);
    }
  }

  /** The DynamoDB endpoint, e.g. {@code http://127.0.0.1:8644}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A client of this DynamoDB; the caller closes it. */
  public DynamoDbClient client(LocalCredentials credentials) {
    return credentials.client(DynamoDbClient.builder(), endpoint);
  }

  /**
   * Creates each table that does not exist yet and waits until it is active; existing tables are
   * left as they are (their data survives restarts).
   */
  public void ensureTables(LocalCredentials credentials, List<CreateTableRequest> tables) {
    try (DynamoDbClient client = client(credentials)) {
      List<String> existing = client.listTablesPaginator().tableNames().stream().toList();
      for (CreateTableRequest table : tables) {
        if (existing.contains(table.tableName())) {
          continue;
        }
        try {
          client.createTable(table);
          client.waiter().waitUntilTableExists(b -> b.tableName(table.tableName()));
          LOG.info("Created DynamoDB table {}", table.tableName());
        } catch (ResourceInUseException raced) {
          // Created meanwhile by someone else: fine, that is what was asked.
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop DynamoDB Local: " + e.getMessage(), e);
    }
  }
}
