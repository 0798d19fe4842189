#!/usr/bin/env bash
# Issue 14's timed suite in one go (about 12 minutes on a quiet 2-core machine): every target's benchmark, then a
# summary of the ratios. Run it on a quiet machine; allocation figures (B/op) do not depend on load, times do.
#
#   benchmarks/run-issue14.sh                      # H2 only
#   PG_URL='jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres' benchmarks/run-issue14.sh
#
# Environment: PG_URL (PostgreSQL 15 JDBC URL; empty = skip PostgreSQL), SKIP_BUILD=1 (reuse the jar),
# OUT (result directory, default /tmp/tokenkit-issue14-<time>), SKIP_E2E=1 (no wrk run), TOKENS (rows for the
# database harness, default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
PG_URL=${PG_URL:-}
TOKENS=${TOKENS:-1000000}
OUT=${OUT:-/tmp/tokenkit-issue14-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -pl benchmarks -am package -DskipTests -Dspotbugs.skip=true
fi
echo "results in $OUT; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. hot path: cached verify vs floor vs nimbus HS256, side by side in ONE JMH run, with allocation per op
java -jar "$JAR" -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc -rf json -rff "$OUT/hotpath.json" \
  'CachedVerifyBenchmark|FloorBenchmark|JwtPeerBenchmark.nimbus' | tee "$OUT/hotpath.txt"

# 2. scale: cached verify and floor at 1k, 100k, 1M tokens (one JMH run; forks get a 3 GiB heap)
java -jar "$JAR" -f 1 -wi 2 -w 2s -i 4 -r 2s -prof gc -rf json -rff "$OUT/scale.json" StoreSizeBenchmark \
  | tee "$OUT/scale.txt"

# 3. heap per cached token (1M) and linear issuing into InMemoryTokenStore (1M)
java -Xms4g -Xmx4g -cp "$JAR" dev.tokenkit.benchmarks.ScaleHarness 1000000 | tee "$OUT/scaleharness.txt"

# 4. cold verify vs the bare primary-key query over the same HikariCP pool (JMH, H2 and PostgreSQL)
DBS=h2
JVMARGS=""
if [ -n "$PG_URL" ]; then
  DBS=h2,postgresql
  JVMARGS="-Dtokenkit.bench.pgUrl=$PG_URL"
fi
java -jar "$JAR" -f 1 -wi 3 -w 2s -i 5 -r 2s -p db=$DBS ${JVMARGS:+-jvmArgsAppend "$JVMARGS"} \
  -rf json -rff "$OUT/db.json" DatabaseColdVerifyBenchmark | tee "$OUT/db.txt"

# 5. database path with 1M rows: list, expiringWithin, cold vs bare (interleaved), revokeAll of 10,000
java -Xmx3g -cp "$JAR" dev.tokenkit.benchmarks.DatabasePathHarness --db h2 --tokens "$TOKENS" \
  | tee "$OUT/dbpath-h2.txt"
if [ -n "$PG_URL" ]; then
  java -Xmx3g -cp "$JAR" dev.tokenkit.benchmarks.DatabasePathHarness --db "$PG_URL" --tokens "$TOKENS" --drop \
    | tee "$OUT/dbpath-pg.txt"
  # 6. management calls through the example on PostgreSQL
  java -cp "$JAR" dev.tokenkit.benchmarks.ManagementLatencyHarness --db "$PG_URL" | tee "$OUT/management-pg.txt"
fi
java -cp "$JAR" dev.tokenkit.benchmarks.ManagementLatencyHarness | tee "$OUT/management-h2.txt"

# 7. filter vs bare Jetty, pinned, 3 interleaved rounds
if [ "${SKIP_E2E:-0}" != 1 ]; then
  java -cp "$JAR" dev.tokenkit.benchmarks.EndToEndFilterBenchmark --pin --rounds 3 --duration 15 --warmup 5 \
    | tee "$OUT/e2e.txt"
fi

echo
echo "================ issue 14 summary ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)) ================"
python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    p = os.path.join(out, name)
    return json.load(open(p)) if os.path.exists(p) else []
def score(rows, bench, params=None, secondary=None):
    for r in rows:
        if r["benchmark"].endswith(bench) and (params is None or r.get("params", {}) == params):
            m = r["secondaryMetrics"][secondary] if secondary else r["primaryMetric"]
            return m["score"]
    return None
hot = load("hotpath.json")
cached = score(hot, "CachedVerifyBenchmark.tokenKitCachedVerify")
floor = score(hot, "FloorBenchmark.floorSha256PlusCaffeineLookup")
nimbus = score(hot, "JwtPeerBenchmark.nimbusHs256ParseVerify")
alloc = score(hot, "CachedVerifyBenchmark.tokenKitCachedVerify", secondary="gc.alloc.rate.norm")
if cached and floor and nimbus:
    print(f"hot path: cached {cached:.1f} ns, floor {floor:.1f} ns, nimbus {nimbus:.1f} ns")
    print(f"  cached / floor = {cached/floor:.2f}x (target <= 1.25: {'met' if cached/floor <= 1.25 else 'missed'})")
    print(f"  nimbus / cached = {nimbus/cached:.1f}x (target >= 20: {'met' if nimbus/cached >= 20 else 'missed'})")
    print(f"  allocation per cached verify: {alloc:.3f} B/op (target ~0)")
scale = load("scale.json")
for size in ("1000", "100000", "1000000"):
    t = score(scale, "StoreSizeBenchmark.tokenKitCachedVerify", {"size": size})
    f = score(scale, "StoreSizeBenchmark.floorSha256PlusCaffeineLookup", {"size": size})
    a = score(scale, "StoreSizeBenchmark.tokenKitCachedVerify", {"size": size}, "gc.alloc.rate.norm")
    if t and f:
        print(f"scale {int(size):>9,}: cached {t:8.1f} ns, floor {f:8.1f} ns, ratio {t/f:.2f}x "
              f"(target <= 1.3: {'met' if t/f <= 1.3 else 'missed'}), {a:.3f} B/op")
db = load("db.json")
for d in ("h2", "postgresql"):
    c = score(db, "DatabaseColdVerifyBenchmark.coldVerify", {"db": d})
    b = score(db, "DatabaseColdVerifyBenchmark.barePrimaryKeyQuery", {"db": d})
    if c and b:
        print(f"cold verify {d}: {c/1000:.1f} us vs bare PK query {b/1000:.1f} us = {c/b:.2f}x "
              f"(target <= 1.2: {'met' if c/b <= 1.2 else 'missed'})")
for name in ("scaleharness.txt", "dbpath-h2.txt", "dbpath-pg.txt", "management-pg.txt", "management-h2.txt"):
    p = os.path.join(out, name)
    if os.path.exists(p):
        print(f"--- {name}")
        for line in open(p):
            if not line.startswith("SLF4J") and "INFO" not in line:
                print("  " + line.rstrip())
p = os.path.join(out, "e2e.txt")
if os.path.exists(p):
    print("--- filter vs bare Jetty (pinned)")
    for line in open(p):
        if line.startswith(("round", "mean", "load")):
            print("  " + line.rstrip())
PY
