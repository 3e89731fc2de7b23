package dev.svod.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.svod.functions.AwsClients;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * S3 {@code ObjectCreated} notifications of the source bucket: one workflow per uploaded video.
 * Records of other event types are ignored; a failure fails the invocation so S3/Lambda retry it
 * (the service is idempotent).
 */
public final class IngestHandler implements RequestHandler<S3Event, List<IngestService.Result>> {
  private final IngestService service;

  /** Lambda entry: real clients from the environment. */
  public IngestHandler() {
    this(VodConfig.fromEnvironment());
  }

  private IngestHandler(VodConfig config) {
    this(AwsClients.dynamoDb(config),
        new SfnWorkflowStarter(AwsClients.stepFunctions(config), config.stateMachineArn()), config);
  }

  /** For tests and the local runtime. */
  public IngestHandler(DynamoDbClient dynamoDb, WorkflowStarter workflow, VodConfig config) {
    this.service = new IngestService(new Catalog(dynamoDb, config.tableName()), workflow, config);
  }

  @Override
  public List<IngestService.Result> handleRequest(S3Event event, Context context) {
    List<IngestService.Result> results = new ArrayList<>();
    if (event == null || event.getRecords() == null) {
      return results;
    }
    for (S3EventNotificationRecord record : event.getRecords()) {
      String bucket = record.getS3().getBucket().getName();
      // S3 URL-encodes keys in notifications (a space arrives as '+').
      String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
      if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
        results.add(new IngestService.Result(bucket, key, null, IngestService.Outcome.IGNORED,
            "event " + record.getEventName() + " is not ObjectCreated"));
        continue;
      }
      results.add(service.objectCreated(bucket, key));
    }
    return results;
  }
}
