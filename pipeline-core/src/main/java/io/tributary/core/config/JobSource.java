package io.tributary.core.config;

/** Where a job reads: a JDBC table ({@link JdbcSource}) or S3DB files to convert ({@link ConversionSource}). */
public sealed interface JobSource permits JdbcSource, ConversionSource {}
