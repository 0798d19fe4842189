package dev.tokenkit.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;

/** The test PostgreSQL extension: a real server, and the CI-versus-local policy when there is none. */
@ExtendWith(EmbeddedPostgres.class)
class EmbeddedPostgresTest {
  private static final String WHY = "simulated missing pg_ctl (EmbeddedPostgresTest)";

  @Test
  void givesARealPostgresServer(EmbeddedPostgres.Server pg) throws Exception {
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(120000);
    }
  }

  @Test
  void withoutAServerCiFailsWithHowToFix() {
    assertThatThrownBy(() -> EmbeddedPostgres.unavailable(WHY, true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CI=true").hasMessageContaining(WHY)
        .hasMessageContaining("postgresql");
  }

  @Test
  void withoutAServerLocalRunsSkipSayingWhy() {
    assertThatThrownBy(() -> EmbeddedPostgres.unavailable(WHY, false))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("SKIPPED").hasMessageContaining(WHY);
  }
}
