package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.asl.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only, fsync'd journal of one execution (one JSON object per line): history events,
 * checkpoints after each completed top-level state, finished branch/iteration outputs and the
 * end record. A torn last line (the process was killed while writing) is ignored on reading.
 */
public final class ExecutionJournal implements RunListener, AutoCloseable {
  private final Path file;
  private FileChannel channel;

  public ExecutionJournal(Path file) {
    this.file = file;
  }

  /** Everything a journal holds, read back after a restart. */
  public record Contents(
      List<HistoryEvent> events,
      Checkpoint checkpoint,
      Map<String, JsonNode> completedUnits,
      ObjectNode end) {

    public long lastEventId() {
      return events.isEmpty() ? 0 : events.get(events.size() - 1).id();
    }
  }

  @Override
  public void onEvent(HistoryEvent event) {
    ObjectNode line = Json.object();
    line.put("t", "event");
    line.set("e", event.toJson());
    append(line);
  }

  @Override
  public void onCheckpoint(Checkpoint c) {
    ObjectNode line = Json.object();
    line.put("t", "checkpoint");
    line.put("next", c.nextState());
    line.set("input", c.input());
    ObjectNode vars = line.putObject("vars");
    c.variables().forEach(vars::set);
    line.put("transitions", c.transitions());
    line.put("lastEventId", c.lastEventId());
    append(line);
  }

  @Override
  public void onUnitCompleted(String key, JsonNode output) {
    ObjectNode line = Json.object();
    line.put("t", "unit");
    line.put("key", key);
    line.set("output", output);
    append(line);
  }

  /** Records how the execution ended; a journal with an end record is never resumed. */
  public void end(ObjectNode end) {
    ObjectNode line = Json.object();
    line.put("t", "end");
    line.set("end", end);
    append(line);
  }

  private synchronized void append(ObjectNode line) {
    byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (channel == null) {
        Files.createDirectories(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (endsInTornLine()) {
          channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the execution journal " + file, e);
    }
  }

  /**
   * Whether the journal ends in a torn line (a crash mid-write). Appended to, that line would take
   * the next record down with it on reading, so it is ended first: a line of its own, skipped.
   */
  private boolean endsInTornLine() throws IOException {
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = reader.size();
      ByteBuffer last = ByteBuffer.allocate(1);
      return size > 0 && reader.read(last, size - 1) == 1 && last.get(0) != '\n';
    }
  }

  /** Reads a journal; a missing file reads as empty. */
  public static Contents read(Path file) {
    List<HistoryEvent> events = new ArrayList<>();
    Checkpoint checkpoint = null;
    Map<String, JsonNode> units = new HashMap<>();
    ObjectNode end = null;
    if (Files.exists(file)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String text : lines) {
        JsonNode line;
        try {
          line = Json.parse(text);
        } catch (IllegalArgumentException torn) {
          continue;
        }
        switch (line.path("t").asText()) {
          case "event" -> events.add(HistoryEvent.fromJson(line.get("e")));
          case "checkpoint" -> {
            Map<String, JsonNode> vars = new LinkedHashMap<>();
            line.get("vars").properties().forEach(e -> vars.put(e.getKey(), e.getValue()));
            checkpoint =
                new Checkpoint(
                    line.get("next").asText(),
                    line.get("input"),
                    vars,
                    line.get("transitions").asLong(),
                    line.get("lastEventId").asLong());
          }
          case "unit" -> units.put(line.get("key").asText(), line.get("output"));
          case "end" -> end = (ObjectNode) line.get("end");
          default -> {}
        }
      }
    }
    return new Contents(events, checkpoint, units, end);
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      channel = null;
    }
  }
}
