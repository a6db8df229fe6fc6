package io.tributary.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The seed's sample tables (deposits, loans, investments, shipments), filled with deterministic rows
 * spread evenly over {@code days} days from {@link #FIRST_DAY}: a timestamptz window column {@code
 * shipmt_date_tstmp}, a key {@code id} running 1..rows, and the seed's integer partition column {@code
 * quarter} (1..1000, spread evenly over every day).
 */
public final class SampleTables {
  /** The first day the sample rows cover. */
  public static final Instant FIRST_DAY = Instant.parse("2018-11-01T00:00:00Z");
  /** The tables, in the order the demo lists them. */
  public static final List<String> TABLES = List.of("deposits", "loans", "investments", "shipments");

  private SampleTables() {}

  /** Creates the four tables with {@code rows} rows each over {@code days} days. */
  public static void create(Connection connection, long rows, int days) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(ddl("deposits", "account_no bigint, amount numeric(14,2), currency char(3), branch text"));
      s.execute(insert("deposits", rows, days,
          "1000000 + g % 50000, round(((g * 7919) % 1000000) / 100.0, 2), (ARRAY['USD','EUR','GBP'])[1 + g % 3],"
              + " 'branch-' || (g % 97)"));
      s.execute(ddl("loans", "borrower text, principal numeric(14,2), rate numeric(6,4), term_months int"));
      s.execute(insert("loans", rows, days,
          "'borrower ' || g, round(((g * 104729) % 50000000) / 100.0, 2), 0.0125 + (g % 400) / 10000.0, 12 * (1 + g % 30)"));
      s.execute(ddl("investments", "ticker varchar(8), shares int, price double precision, tags text[]"));
      s.execute(insert("investments", rows, days,
          "(ARRAY['AMZN','MSFT','NVDA','TSLA'])[1 + g % 4], 1 + g % 1000, 10 + (g % 90000) / 100.0,"
              + " ARRAY['lot-' || (g % 10)]"));
      s.execute(ddl("shipments", "sku uuid, quantity smallint, destination text, weight_kg real, delivered boolean"));
      s.execute(insert("shipments", rows, days,
          "md5(g::text)::uuid, (1 + g % 500)::smallint, 'city ' || (g % 313), (g % 10000) / 10.0, g % 5 <> 0"));
      for (String table : TABLES) {
        s.execute("CREATE INDEX ON " + table + " (shipmt_date_tstmp)");
        s.execute("ANALYZE " + table);
      }
    }
  }

  private static String ddl(String table, String columns) {
    return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, shipmt_date_tstmp timestamptz NOT NULL,"
        + " quarter int NOT NULL, " + columns + ")";
  }

  /** Row g lands at FIRST_DAY + (g - 1) * days / rows of the span: evenly spread, in id order. */
  private static String insert(String table, long rows, int days, String values) {
    return "INSERT INTO " + table + " SELECT g, timestamptz '" + FIRST_DAY + "' + ((g - 1) * " + days
        + " * 86400.0 / " + rows + ") * interval '1 second', 1 + g % 1000, " + values
        + " FROM generate_series(1::bigint, " + rows + "::bigint) g";
  }
}
