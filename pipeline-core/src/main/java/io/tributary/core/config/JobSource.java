package io.tributary.core.config;

import java.util.Optional;

/**
 * Where a job reads, typed per kind: a JDBC table ({@link JdbcSource}) or S3DB files to convert
 * ({@link ConversionSource}). The job's kind follows from it.
 */
public sealed interface JobSource permits JdbcSource, ConversionSource, WarehouseSource, CubicSource {

  /** The job whose published windows this source reads, if any: its windows are due only once that job's are. */
  default Optional<String> upstreamJob() {
    return Optional.empty();
  }

  /** The kind of the jobs that read this source. */
  default JobKind kind() {
    return JobKind.of(this);
  }
}
