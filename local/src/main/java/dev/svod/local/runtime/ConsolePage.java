package dev.svod.local.runtime;

/** The page at {@code /} when there is no console folder: where everything is. */
final class ConsolePage {
  private ConsolePage() {}

  static String fallback(Endpoints endpoints) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Serverless VOD (local)</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
        <h1>Serverless VOD is running</h1>
        <p>The web console is not here: start <code>vod local</code> from the project folder
        (it serves <code>web/</code>) or pass <code>--web DIR</code>.</p>
        <ul>
        <li>API: <code>%s</code></li>
        <li>Playback: <code>%s/v/{videoId}/master.m3u8</code></li>
        <li>S3: <code>%s</code></li>
        <li>DynamoDB: <code>%s</code></li>
        <li>Step Functions: <code>%s</code></li>
        </ul>
        </body></html>
        """.formatted(endpoints.api(), endpoints.edge(), endpoints.s3(), endpoints.dynamoDb(),
        endpoints.stepFunctions());
  }
}
