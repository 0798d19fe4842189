package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.StoredTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.spi.TokenChangeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Several instances starting at once on one H2 database; the change feed's statistics for metrics. */
class StoreStartupAndStatisticsTest {

  @Test
  void instancesMigratingOneH2DatabaseAtOnceAllStart() throws Exception {
    for (int round = 0; round < 5; round++) {
      DataSource ds = TestDatabases.newH2();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<List<Integer>>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          runs.add(pool.submit(() -> {
            go.await();
            return JdbiTokenStore.builder(ds).build().migrate();
          }));
        }
        go.countDown();
        int applied = 0;
        for (Future<List<Integer>> f : runs) {
          applied += f.get(30, TimeUnit.SECONDS).size();
        }
        assertThat(applied).as("each version is recorded by exactly one instance")
            .isEqualTo(Migrator.SCRIPTS.size());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void changeFeedStatisticsReportTheLagOfPolledChanges() throws Exception {
    DataSource ds = TestDatabases.newH2();
    try (JdbiTokenStore writer = TestDatabases.migrated(JdbiTokenStore.builder(ds));
        JdbiTokenStore reader = JdbiTokenStore.builder(ds).pollInterval(Duration.ofHours(1)).build()) {
      reader.subscribe(new TokenChangeListener() {
        @Override
        public void tokenChanged(String tokenId) {}

        @Override
        public void allChanged() {}
      });
      assertThat(reader.changeFeedStatistics().lastLag()).isNull();
      writer.insert(token("a", "alice", "a"));
      Thread.sleep(20);
      reader.pollChangesNow();
      ChangeFeedStatistics stats = reader.changeFeedStatistics();
      assertThat(stats.lastLag()).isGreaterThanOrEqualTo(Duration.ofMillis(15)).isLessThan(Duration.ofMinutes(1));
      assertThat(stats.listening()).isFalse();
      assertThat(stats.reconnects()).isZero();
      assertThat(reader.usesListenNotify()).isFalse();
    }
  }
}
