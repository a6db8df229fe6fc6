package io.tributary.core.testing;

/** The in-memory stores keep the same contract as the DynamoDB ones. */
class InMemoryStoresContractTest extends HistoryStoreContract {
  @Override
  protected Stores newStores() {
    InMemoryStores stores = new InMemoryStores();
    return new Stores(stores.configs(), stores.history());
  }
}
