package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A state's key is held once per window only where the source enforces it and the window is one snapshot. */
class StateKeyTest {
  @Test
  void aWindowReadInPartsMayRepeatEvenTheSourcesOwnKey() {
    StateKey primary = new StateKey(List.of("region", "id"), true);
    StateKey named = new StateKey(List.of("id"), false);

    assertEquals(primary, primary.inWindow(true));
    assertEquals(new StateKey(List.of("region", "id"), false), primary.inWindow(false));
    assertEquals(named, named.inWindow(true));
    assertThrows(IllegalArgumentException.class, () -> new StateKey(List.of(), true));
  }
}
