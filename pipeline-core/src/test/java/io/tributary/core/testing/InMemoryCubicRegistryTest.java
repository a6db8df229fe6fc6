package io.tributary.core.testing;

import io.tributary.core.kind.cubic.CubicRegistry;
import org.junit.jupiter.api.Tag;

/** The in-memory registry keeps the registry contract. */
@Tag("fast")
class InMemoryCubicRegistryTest extends CubicRegistryContract {
  @Override
  protected CubicRegistry newRegistry() {
    return new InMemoryCubicRegistry();
  }
}
