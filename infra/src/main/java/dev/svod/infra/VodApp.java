package dev.svod.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: reads the deployment's choices from context (see {@link VodSettings} and
 * infra/README.md), builds {@link VodStack} and checks it with cdk-nag's AWS Solutions rules, whose
 * errors fail synthesis. Run by {@code cdk.json} through Maven; writes to {@code infra/cdk.out}.
 */
public final class VodApp {

  /** Default stack name; {@code -c stackName=...} deploys a second copy next to it. */
  public static final String DEFAULT_STACK_NAME = "ServerlessVod";

  private VodApp() {}

  public static void main(String[] args) {
    AppProps.Builder props = AppProps.builder();
    // The CDK CLI says where to write (CDK_OUTDIR); run directly, write to infra/cdk.out.
    String outdir = System.getProperty("svod.cdk.outdir");
    if (System.getenv("CDK_OUTDIR") == null && outdir != null) {
      props.outdir(outdir);
    }
    App app = new App(props.build());
    build(app);
    app.synth();
  }

  /**
   * Adds the stack, configured from the app's context, and the cdk-nag checks to {@code app}; the
   * account and region are the CDK CLI's ({@code CDK_DEFAULT_ACCOUNT}/{@code CDK_DEFAULT_REGION}),
   * environment-agnostic without them.
   */
  public static VodStack build(App app) {
    return build(app, Environment.builder()
        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
        .region(System.getenv("CDK_DEFAULT_REGION"))
        .build());
  }

  /** {@link #build(App)} into the given account/region. */
  public static VodStack build(App app, Environment environment) {
    VodSettings settings = VodSettings.read(app.getNode()::tryGetContext, System::getProperty);
    Object stackName = app.getNode().tryGetContext("stackName");
    String name = stackName == null ? DEFAULT_STACK_NAME : stackName.toString();
    VodStack stack = new VodStack(app, name, StackProps.builder()
        .description("Serverless VOD: uploads, workflow, transcoding (" + settings.backend().wireName()
            + "), catalog, API and playback")
        .env(environment)
        .build(), settings);
    Tags.of(stack).add("project", "serverless-vod");
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return stack;
  }
}
