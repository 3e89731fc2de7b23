package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives what a run produces as it happens; the journal persists it. */
public interface RunListener {
  void onEvent(HistoryEvent event);

  /** After each completed top-level state that has a successor. */
  void onCheckpoint(Checkpoint checkpoint);

  /** A Parallel branch or Map iteration finished with this output (key is deterministic). */
  void onUnitCompleted(String key, JsonNode output);

  /** A listener that keeps nothing. */
  RunListener NONE =
      new RunListener() {
        @Override
        public void onEvent(HistoryEvent event) {}

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {}

        @Override
        public void onUnitCompleted(String key, JsonNode output) {}
      };
}
