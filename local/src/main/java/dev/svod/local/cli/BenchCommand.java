package dev.svod.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vod bench ...}: the shipped benchmarks; each is a subcommand. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that check the project's speed targets.",
    subcommands = {BenchTranscodeCommand.class, BenchPipelineCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
