package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.StoredTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.spi.TokenChangeListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The change sequence behind the feed, on H2 with polling driven by the test. */
class ChangeFeedTest {

  private static final class Recorder implements TokenChangeListener {
    final List<String> ids = new CopyOnWriteArrayList<>();
    final AtomicInteger all = new AtomicInteger();

    @Override
    public void tokenChanged(String tokenId) {
      ids.add(tokenId);
    }

    @Override
    public void allChanged() {
      all.incrementAndGet();
    }
  }

  @Test
  void changesAreDeliveredOnceInCommitOrderAndSubscribersStartAtTheCurrentSequence() throws Exception {
    DataSource ds = TestDatabases.newH2();
    try (JdbiTokenStore writer = TestDatabases.migrated(JdbiTokenStore.builder(ds));
        JdbiTokenStore reader = JdbiTokenStore.builder(ds).pollInterval(Duration.ofHours(1)).build()) {
      writer.insert(token("before", "alice", "before")); // happened before the subscription: not delivered
      Recorder r = new Recorder();
      reader.subscribe(r);
      writer.insert(token("a", "alice", "a"));
      writer.insert(token("b", "alice", "b"));
      writer.delete("a");

      reader.pollChangesNow();
      reader.pollChangesNow();

      assertThat(r.ids).containsExactly("a", "b", "a");
      assertThat(r.all.get()).isZero();
    }
  }

  @Test
  void aNodeThatMissedPrunedChangesDropsItsWholeCache() throws Exception {
    DataSource ds = TestDatabases.newH2();
    try (JdbiTokenStore writer = TestDatabases.migrated(JdbiTokenStore.builder(ds));
        JdbiTokenStore reader = JdbiTokenStore.builder(ds).pollInterval(Duration.ofHours(1)).build()) {
      Recorder r = new Recorder();
      reader.subscribe(r);
      writer.insert(token("a", "alice", "a"));
      writer.insert(token("b", "alice", "b"));
      writer.insert(token("c", "alice", "c"));
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM tokenkit_changes WHERE token_id IN ('a', 'b')"); // as retention pruning would
      }

      reader.pollChangesNow();

      assertThat(r.all.get()).isEqualTo(1);
      assertThat(r.ids).containsExactly("c");
    }
  }

  @Test
  void changeEntriesAreStampedAndPrunedByTheStoresClock() throws Exception {
    Instant t0 = Instant.parse("2031-05-01T08:00:00Z");
    Clock early = Clock.fixed(t0, ZoneOffset.UTC);
    Clock late = Clock.offset(early, Duration.ofHours(2));
    DataSource ds = TestDatabases.newH2();
    try (JdbiTokenStore earlyWriter = TestDatabases.migrated(JdbiTokenStore.builder(ds).clock(early));
        JdbiTokenStore lateWriter = JdbiTokenStore.builder(ds).clock(late).pollInterval(Duration.ofHours(1)).build();
        JdbiTokenStore reader = JdbiTokenStore.builder(ds).clock(late).pollInterval(Duration.ofHours(1))
            .changeRetention(Duration.ofHours(1)).build()) {
      Recorder r = new Recorder();
      reader.subscribe(r);
      earlyWriter.insert(token("a", "alice", "a"));
      earlyWriter.insert(token("b", "alice", "b"));
      lateWriter.insert(token("c", "alice", "c"));

      reader.pollChangesNow(); // delivers, then prunes what is older than the retention on the reader's clock

      assertThat(r.ids).containsExactly("a", "b", "c");
      assertThat(column(ds, "SELECT token_id FROM tokenkit_changes")).containsExactly("c");
      assertThat(instant(ds, "SELECT changed_at FROM tokenkit_changes")).isEqualTo(t0.plus(Duration.ofHours(2)));
      assertThat(instant(ds, "SELECT applied_at FROM tokenkit_schema_history"))
          .as("migrations are stamped by the clock too").isEqualTo(t0);
    }
  }

  private static Instant instant(DataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private static List<String> column(DataSource ds, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void aFailedChangeLeavesNoTraceInTheFeed() throws Exception {
    DataSource ds = TestDatabases.newH2();
    try (JdbiTokenStore store = TestDatabases.migrated(JdbiTokenStore.builder(ds).pollInterval(Duration.ofHours(1)))) {
      Recorder r = new Recorder();
      store.subscribe(r);
      store.insert(token("a", "alice", "a"));
      try {
        store.insert(token("b", "alice", "a")); // duplicate name: rolled back with its change entry
      } catch (RuntimeException expected) {
        // DuplicateTokenException
      }
      store.insert(token("c", "alice", "c"));
      store.pollChangesNow();
      assertThat(r.ids).containsExactly("a", "c");
      assertThat(r.all.get()).isZero();
    }
  }
}
