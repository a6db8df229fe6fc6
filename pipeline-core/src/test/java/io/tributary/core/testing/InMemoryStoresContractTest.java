package io.tributary.core.testing;

import org.junit.jupiter.api.Tag;

/** The in-memory stores keep the same contract as the DynamoDB ones. */
@Tag("fast")
class InMemoryStoresContractTest extends HistoryStoreContract {
  @Override
  protected Stores newStores() {
    InMemoryStores stores = new InMemoryStores();
    return new Stores(stores.configs(), stores.history());
  }
}
