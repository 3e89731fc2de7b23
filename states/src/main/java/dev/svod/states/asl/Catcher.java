package dev.svod.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of a state's {@code Catch} list. {@code resultPath} is null when the field is absent
 * ("$" semantics apply), {@code discardResult} when it is explicitly null.
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    String resultPath,
    boolean resultPathPresent,
    JsonNode assign,
    JsonNode output) {}
