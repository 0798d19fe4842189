package dev.tokenkit.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.Argument;

/** Binds and reads {@code TIMESTAMP(3) WITH TIME ZONE} values as UTC instants with millisecond precision. */
final class Timestamps {
  private Timestamps() {}

  static Argument of(Instant instant) {
    if (instant == null) {
      return (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
    }
    OffsetDateTime value = OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    return (position, statement, ctx) -> statement.setObject(position, value);
  }

  static Instant read(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
