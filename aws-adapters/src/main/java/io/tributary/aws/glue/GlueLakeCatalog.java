package io.tributary.aws.glue;

import io.tributary.core.catalog.LakeCatalog;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The lake's tables in the Glue Data Catalog (database {@code database}): created on first sight, new columns added
 * and widened ones retyped (never removed), each load's or window's directory registered as a partition, so
 * Athena sees it at once without a crawler.
 */
public final class GlueLakeCatalog implements LakeCatalog {
  private final GlueClient glue;
  private final String database;

  public GlueLakeCatalog(GlueClient glue, String database) {
    this.glue = glue;
    this.database = database;
  }

  @Override
  public void partitionLoaded(Partition partition) {
    upsert(GlueTableInputs.rawTable(partition), partition.columns());
    try {
      glue.createPartition(b -> b.databaseName(database).tableName(partition.table())
          .partitionInput(GlueTableInputs.rawPartition(partition)));
    } catch (AlreadyExistsException registeredBefore) {
      // a rerun of the same load: its partition is there already
    }
  }

  @Override
  public void deltaTableUpdated(String table, String location, List<LakeCatalog.Column> columns) {
    upsert(GlueTableInputs.deltaTable(table, location, columns), columns);
  }

  private void upsert(TableInput input, List<LakeCatalog.Column> columns) {
    Table existing;
    try {
      existing = glue.getTable(b -> b.databaseName(database).name(input.name())).table();
    } catch (EntityNotFoundException absent) {
      try {
        glue.createTable(b -> b.databaseName(database).tableInput(input));
        return;
      } catch (AlreadyExistsException createdMeanwhile) {
        existing = glue.getTable(b -> b.databaseName(database).name(input.name())).table();
      }
    }
    // Glue's column type, spelled out: this class inherits LakeCatalog.Column as Column
    List<software.amazon.awssdk.services.glue.model.Column> have = existing.storageDescriptor().columns();
    List<software.amazon.awssdk.services.glue.model.Column> merged = GlueTableInputs.merged(have, columns);
    if (!merged.equals(have)) {
      glue.updateTable(b -> b.databaseName(database).tableInput(input.toBuilder()
          .storageDescriptor(input.storageDescriptor().toBuilder().columns(merged).build()).build()));
    }
  }
}
