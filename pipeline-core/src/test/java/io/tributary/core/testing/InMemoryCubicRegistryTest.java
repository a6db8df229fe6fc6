package io.tributary.core.testing;

import io.tributary.core.kind.cubic.CubicRegistry;

/** The in-memory registry keeps the registry contract. */
class InMemoryCubicRegistryTest extends CubicRegistryContract {
  @Override
  protected CubicRegistry newRegistry() {
    return new InMemoryCubicRegistry();
  }
}
