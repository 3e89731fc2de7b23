package dev.svod.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vod} command line: the entry point of the executable jar that {@code ./vod} runs.
 *
 * <p>Each subcommand lives in its own class; this one only names them. Exit codes follow picocli:
 * 0 success, 1 a failure the command reports (bad media, failed step), 2 bad usage.
 */
@Command(
    name = "vod",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Serverless VOD: upload, transcode to adaptive HLS and play, locally or on AWS.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ProbeCommand.class,
      TranscodeCommand.class,
      BenchCommand.class,
      StatesCommand.class,
      LocalCommand.class,
      DemoCommand.class,
      UploadCommand.class,
      StatusCommand.class,
      ListCommand.class,
      RetryCommand.class,
      DeleteCommand.class
    })
public final class VodCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with every subcommand; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    // No picocli @argument-files: "@FILE" values (e.g. vod states run --input @input.json) are ours.
    return new CommandLine(new VodCommand()).setCaseInsensitiveEnumValuesAllowed(true).setExpandAtFiles(false);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
