package dev.svod.local.contract;

import java.nio.file.Path;

/** The contract against the embedded runtime: runs everywhere, CI included (no Docker, no AWS). */
class EmbeddedContractIT extends VodContract {

  @Override
  protected Backend startBackend(Path workDirectory) {
    return EmbeddedBackend.start(workDirectory.resolve("data"));
  }
}
