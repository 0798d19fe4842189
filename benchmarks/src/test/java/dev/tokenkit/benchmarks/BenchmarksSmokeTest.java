package dev.tokenkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks from rotting: runs every benchmark once, in-process, for 100 ms with the smallest token
 * set. It checks that each one sets up (every fixture token verifies) and produces a score; it asserts nothing
 * about speed.
 */
class BenchmarksSmokeTest {

  @Test
  void everyBenchmarkRunsOneShortIterationAndProducesAScore() throws RunnerException {
    Options options = new OptionsBuilder()
        .include("dev\\.tokenkit\\.benchmarks\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .param("size", "1000")
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    List<String> names = results.stream()
        .map(r -> r.getParams().getBenchmark().replace("dev.tokenkit.benchmarks.", "")
            + r.getParams().getParamsKeys().stream().map(k -> " " + k + "=" + r.getParams().getParam(k))
                .reduce("", String::concat))
        .toList();
    assertThat(names).containsExactlyInAnyOrder(
        "CacheInvalidationBenchmark.invalidateOnly",
        "CachedVerifyBenchmark.tokenKitCachedVerify",
        "ColdVerifyBenchmark.coldVerify hasher=sha256",
        "ColdVerifyBenchmark.coldVerify hasher=argon2id",
        "ConcurrentVerifyBenchmark.tokenKitCachedVerifyOneThread",
        "DatabaseColdVerifyBenchmark.coldVerify db=h2",
        "DatabaseColdVerifyBenchmark.barePrimaryKeyQuery db=h2",
        "ConcurrentVerifyBenchmark.tokenKitCachedVerifyTwoThreads",
        "FloorBenchmark.floorSha256PlusCaffeineLookup",
        "JwtPeerBenchmark.jjwtHs256ParseVerify",
        "JwtPeerBenchmark.nimbusHs256ParseVerify",
        "RateLimitBenchmark.cachedVerifyAndLimit limiter=none",
        "RateLimitBenchmark.cachedVerifyAndLimit limiter=memory",
        "RateLimitBenchmark.throughFilter limiter=none",
        "RateLimitBenchmark.throughFilter limiter=memory",
        "SignedRequestBenchmark.signedGetVerify",
        "SignedRequestBenchmark.signedPostVerify",
        "SignedRequestBenchmark.unsignedVerify",
        "StoreSizeBenchmark.floorSha256PlusCaffeineLookup size=1000",
        "StoreSizeBenchmark.tokenKitCachedVerify size=1000");
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
