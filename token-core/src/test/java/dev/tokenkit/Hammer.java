package dev.tokenkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a body on several real threads in a loop until stopped, for bounded-time stress tests. Any exception or
 * assertion error in a worker fails {@link #stop()}.
 */
final class Hammer implements AutoCloseable {
  /** One iteration of a worker; throwing fails the test. */
  interface Body {
    void run() throws Exception;
  }

  private final ExecutorService pool;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Future<Long>> workers = new ArrayList<>();

  Hammer(int threads, Body body) {
    pool = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < threads; i++) {
      workers.add(pool.submit(() -> {
        long iterations = 0;
        while (running.get()) {
          body.run();
          iterations++;
        }
        return iterations;
      }));
    }
  }

  /** Lets the workers run for a while (they keep going until {@link #stop()}). */
  static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /**
   * Stops the workers and rethrows the first failure.
   *
   * @return the total number of iterations
   */
  long stop() throws Exception {
    running.set(false);
    long total = 0;
    for (Future<Long> f : workers) {
      total += f.get(10, TimeUnit.SECONDS);
    }
    return total;
  }

  @Override
  public void close() {
    running.set(false);
    pool.shutdownNow();
  }
}
