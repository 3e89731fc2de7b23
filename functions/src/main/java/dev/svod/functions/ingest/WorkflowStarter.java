package dev.svod.functions.ingest;

/** Starts the VOD workflow; the boundary the ingest service needs from Step Functions. */
public interface WorkflowStarter {

  /** What happened to a start request. */
  enum Outcome {
    /**
     * An execution for this name runs: started now, or, as Step Functions answers a repeated start
     * with the same name and input while it runs, the running one.
     */
    STARTED,
    /** Step Functions refused the name ({@code ExecutionAlreadyExists}): nothing new was started. */
    ALREADY_STARTED
  }

  /**
   * Starts an execution named {@code name} with {@code inputJson}; an existing execution of the same
   * name is not an error.
   */
  Outcome start(String name, String inputJson);
}
