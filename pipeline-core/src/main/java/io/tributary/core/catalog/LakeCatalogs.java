package io.tributary.core.catalog;

/** The catalog of each database a job may name ({@code glue_database}): Glue's on AWS, none locally. */
@FunctionalInterface
public interface LakeCatalogs {
  /** Catalogs that record nothing. */
  LakeCatalogs NONE = database -> LakeCatalog.none();

  /** The catalog of {@code database}. */
  LakeCatalog database(String database);
}
