package io.tributary.spark.ingest;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/**
 * The four Glue Data Catalog calls the lake's catalog makes (GetTable, CreateTable, UpdateTable, CreatePartition),
 * kept in memory with Glue's answers for a missing table and an existing table or partition. No Glue runs here;
 * the requests' fields are checked in {@code GlueTableInputsTest}.
 */
final class GlueCatalogDouble implements InvocationHandler {
  private final Map<String, TableInput> tables = new LinkedHashMap<>();
  private final Map<String, List<PartitionInput>> partitions = new LinkedHashMap<>();
  private final List<String> calls = new ArrayList<>();

  /** A Glue client answering from this catalog. */
  GlueClient client() {
    return (GlueClient) Proxy.newProxyInstance(GlueClient.class.getClassLoader(), new Class<?>[] {GlueClient.class},
        this);
  }

  /** The table {@code name} as last created or updated. */
  TableInput table(String name) {
    TableInput table = tables.get(name);
    if (table == null) {
      throw new AssertionError("no table " + name + " in the catalog; it has " + tables.keySet());
    }
    return table;
  }

  /** The partitions registered for {@code table}, in order. */
  List<PartitionInput> partitions(String table) {
    return partitions.getOrDefault(table, List.of());
  }

  /** Every call made, as {@code Operation table}. */
  List<String> calls() {
    return calls;
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object request = args == null || args.length == 0 ? null : args[0];
    if (request instanceof GetTableRequest get) {
      calls.add("GetTable " + get.name());
      TableInput input = tables.get(get.name());
      if (input == null) {
        throw EntityNotFoundException.builder().message("Table " + get.name() + " not found.").build();
      }
      return GetTableResponse.builder().table(Table.builder().name(input.name()).tableType(input.tableType())
          .parameters(input.parameters()).partitionKeys(input.partitionKeys())
          .storageDescriptor(input.storageDescriptor()).build()).build();
    }
    if (request instanceof CreateTableRequest create) {
      calls.add("CreateTable " + create.tableInput().name());
      if (tables.putIfAbsent(create.tableInput().name(), create.tableInput()) != null) {
        throw AlreadyExistsException.builder().message("Table already exists.").build();
      }
      return CreateTableResponse.builder().build();
    }
    if (request instanceof UpdateTableRequest update) {
      calls.add("UpdateTable " + update.tableInput().name());
      if (tables.replace(update.tableInput().name(), update.tableInput()) == null) {
        throw EntityNotFoundException.builder().message("Table not found.").build();
      }
      return UpdateTableResponse.builder().build();
    }
    if (request instanceof CreatePartitionRequest create) {
      calls.add("CreatePartition " + create.tableName());
      List<PartitionInput> registered = partitions.computeIfAbsent(create.tableName(), t -> new ArrayList<>());
      if (registered.stream().anyMatch(p -> p.values().equals(create.partitionInput().values()))) {
        throw AlreadyExistsException.builder().message("Partition already exists.").build();
      }
      registered.add(create.partitionInput());
      return CreatePartitionResponse.builder().build();
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    if (method.getName().equals("close") || method.getName().equals("serviceName")) {
      return method.getName().equals("close") ? null : "glue";
    }
    throw new UnsupportedOperationException("Glue " + method.getName() + " is not among the catalog's calls");
  }
}
