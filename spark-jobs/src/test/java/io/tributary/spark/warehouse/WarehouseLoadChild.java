package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.secret.SecretSourceSpec;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** A process that loads api.pages from a bucket, for a test that kills it mid-load: {@code BUCKET SECRET_SPEC}. */
public final class WarehouseLoadChild {
  private WarehouseLoadChild() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = WarehouseCredentials.open(
        WarehouseCredentials.resolve(SecretSourceSpec.parse(args[1]), Map.of()))) {
      System.out.println(WarehouseLoad.render(new WarehouseLoad(connection, new Configuration()).run(
          new WarehouseLoadRequest("api", List.of("pages"), Optional.of(args[0]), Optional.empty(),
              io.tributary.core.kind.warehouse.LakeLayout.RAW, Optional.empty(),
              false, false, Optional.empty(), Optional.empty(), Granularity.DAY, WarehouseDialect.POSTGRESQL,
              Optional.empty(), InputOptions.DEFAULT))));
    }
  }
}
