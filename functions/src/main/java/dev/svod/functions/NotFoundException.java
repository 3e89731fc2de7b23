package dev.svod.functions;

/** The named upload, video or rendition does not exist (HTTP 404). */
public class NotFoundException extends VodException {
  public NotFoundException(String what, String id) {
    super("NOT_FOUND", 404, what + " '" + id + "' does not exist");
  }
}
