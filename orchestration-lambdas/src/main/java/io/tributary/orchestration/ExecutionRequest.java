package io.tributary.orchestration;

/** An execution of the state machine to start: its name and input. */
public record ExecutionRequest(String name, String input) {}
