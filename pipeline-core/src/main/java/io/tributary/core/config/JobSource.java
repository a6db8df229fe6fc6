package io.tributary.core.config;

/**
 * Where a job reads, typed per kind: a JDBC table ({@link JdbcSource}) or S3DB files to convert
 * ({@link ConversionSource}). The job's kind follows from it.
 */
public sealed interface JobSource permits JdbcSource, ConversionSource {

  /** The kind of the jobs that read this source. */
  default JobKind kind() {
    return JobKind.of(this);
  }
}
