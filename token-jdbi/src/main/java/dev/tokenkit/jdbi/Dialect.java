package dev.tokenkit.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The few SQL differences between the supported databases. */
enum Dialect {
  /** PostgreSQL: byte-wise id ordering regardless of the database collation, LISTEN/NOTIFY. */
  POSTGRESQL("id COLLATE \"C\""),
  /** H2 (compares strings by code point already) and anything else that speaks standard SQL. */
  STANDARD("id");

  /** The id column as used in ORDER BY and keyset comparisons, so order matches {@link String#compareTo}. */
  final String orderedId;

  Dialect(String orderedId) {
    this.orderedId = orderedId;
  }

  static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    return product != null && product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : STANDARD;
  }
}
