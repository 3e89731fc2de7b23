package dev.svod.local.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version stamped into the jar manifest by the build. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VodCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "vod " + (version == null ? "development build" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
