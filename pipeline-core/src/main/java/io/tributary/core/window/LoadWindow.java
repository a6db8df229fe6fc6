package io.tributary.core.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time range {@code [start, stop)} of a job's window column, in UTC. */
public record LoadWindow(Instant start, Instant stop) {

  public LoadWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stop, "stop");
    if (!start.isBefore(stop)) {
      throw new IllegalArgumentException(
          "window start " + WindowTime.format(start) + " must be before stop " + WindowTime.format(stop));
    }
  }

  /** The window's length. */
  public Duration length() {
    return Duration.between(start, stop);
  }

  /** The window that follows this one: {@code [stop, stop + length)}. */
  public LoadWindow next() {
    return new LoadWindow(stop, stop.plus(length()));
  }

  /** True when {@code instant} lies in {@code [start, stop)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(stop);
  }

  @Override
  public String toString() {
    return "[" + WindowTime.format(start) + ", " + WindowTime.format(stop) + ")";
  }
}
