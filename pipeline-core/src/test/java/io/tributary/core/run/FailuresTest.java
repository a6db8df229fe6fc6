package io.tributary.core.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A bug anywhere in a chain is thrown on; bad input and unavailable services are handed back as failures. */
@Tag("fast")
class FailuresTest {
  @Test
  void badInputAndServicesAreFailuresToRecord() {
    IOException truncated = new IOException("Unexpected end of ZLIB input stream");
    UncheckedIOException wrapped = new UncheckedIOException("s3a://feeds/x.csv.gz", truncated);
    DateTimeParseException badDate = new DateTimeParseException("not a date", "2020-13-01", 5);

    assertSame(truncated, Failures.unlessBug(truncated));
    assertSame(wrapped, Failures.unlessBug(wrapped));
    assertSame(badDate, Failures.unlessBug(badDate));
    assertFalse(Failures.isBug(new IllegalArgumentException("line 4: 'x' is not a number")));
  }

  @Test
  void aBugAnywhereInTheChainIsThrownOn() {
    NullPointerException npe = new NullPointerException("table.columns() is null");
    RuntimeException sparkWrapped = new RuntimeException("Job aborted", new IllegalStateException("task", npe));
    Exception checked = new Exception("task failed", new ClassCastException("Long cannot be cast to Integer"));

    assertTrue(Failures.isBug(sparkWrapped));
    assertSame(npe, assertThrows(NullPointerException.class, () -> Failures.unlessBug(npe)));
    assertSame(sparkWrapped, assertThrows(RuntimeException.class, () -> Failures.unlessBug(sparkWrapped)));
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Failures.unlessBug(checked));
    assertSame(checked, thrown.getCause());
    assertTrue(thrown.getMessage().startsWith("a bug, not bad input: Exception: task failed; caused by"
        + " ClassCastException"), thrown.getMessage());
  }
}
