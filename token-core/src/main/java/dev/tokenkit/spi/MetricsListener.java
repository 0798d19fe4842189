package dev.tokenkit.spi;

import dev.tokenkit.FailureReason;

/**
 * Receives TokenKit's operational measurements, e.g. to feed a metrics library (the Spring Boot starter binds it
 * to Micrometer). Register with {@code TokenService.Builder#metricsListener}; counts and gauges (cache size, hits
 * and misses, pending last uses, flushes) are read with {@code TokenService#statistics()} instead. Called synchronously on the hot path: methods
 * must be fast, must not block and must be thread-safe; exceptions are caught and ignored. New methods will be
 * added with empty defaults.
 *
 * <pre>{@code
 * TokenService.builder().store(store).metricsListener(new MetricsListener() {
 *   @Override public void authenticated(FailureReason failure, long nanos) { histogram.record(nanos); }
 * }).build();
 * }</pre>
 */
public interface MetricsListener {
  /** A listener that ignores everything. */
  MetricsListener NONE = new MetricsListener() {};

  /**
   * One {@code authenticate} call finished.
   *
   * @param failure why it failed, or {@code null} when the token was verified
   * @param nanos how long the call took, in nanoseconds
   */
  default void authenticated(FailureReason failure, long nanos) {}

  /**
   * Calls {@code action} on {@code listener}, swallowing any exception so that metrics never break requests.
   *
   * @param listener the listener
   * @param action what to tell it
   */
  static void safely(MetricsListener listener, java.util.function.Consumer<MetricsListener> action) {
    try {
      action.accept(listener);
    } catch (RuntimeException ignored) {
      // metrics must never break authentication or management
    }
  }
}
