package dev.tokenkit.spring.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.bootstrap.AdminBootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances with tokenkit.admin.bootstrap=true starting at once on one empty database print one token. */
@Tag("starter")
@ExtendWith(OutputCaptureExtension.class)
class BootstrapRaceStarterTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Instance {}

  @Test
  void twoInstancesOnOneDatabasePrintExactlyOneAdminToken(CapturedOutput output) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      started.add(pool.submit(() -> {
        go.await();
        return new SpringApplicationBuilder(Instance.class).web(WebApplicationType.NONE)
            .properties("spring.datasource.url=jdbc:h2:mem:bootstrap-race;DB_CLOSE_DELAY=-1",
                "spring.datasource.generate-unique-name=false", "tokenkit.admin.bootstrap=true",
                "spring.jmx.enabled=false")
            .run();
      }));
    }
    go.countDown();
    try {
      for (Future<ConfigurableApplicationContext> f : started) {
        f.get(120, TimeUnit.SECONDS).close();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(output.getOut().lines().filter(l -> l.startsWith(AdminBootstrap.LINE_PREFIX))).hasSize(1);
  }
}
