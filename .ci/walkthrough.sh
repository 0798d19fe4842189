#!/usr/bin/env bash
# Starts the example exactly as the README's Quick start says (line 1 of its first ```sh block) and drives the
# README's curl walk-through over HTTP: create a token, call an API, see 401 and 403, rotate, revoke.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=http://localhost:8080
start_cmd=$(awk '/^```sh/{f=1;next} f&&/^```/{exit} f' README.md | sed -n 1p)

# README line 1 must work where the local Maven repository holds no TokenKit artifact (a fresh machine): remove
# whatever an earlier install left, so that the command can only use what the reactor builds. With
# MAVEN_ARGS=-Dmaven.repo.local=DIR (read by Maven 3.9) that repository is the one cleaned and used.
repo="$HOME/.m2/repository"
if [[ "${MAVEN_ARGS:-}" =~ -Dmaven\.repo\.local=([^[:space:]]+) ]]; then repo="${BASH_REMATCH[1]}"; fi
if [ -d "$repo/dev/tokenkit" ]; then
  echo "walkthrough: removing TokenKit artifacts of an earlier build from $repo/dev/tokenkit"
  rm -rf "$repo/dev/tokenkit"
fi

echo "walkthrough: starting the example with: $start_cmd"
if [ -d data ]; then
  echo "walkthrough: ./data exists from an earlier run; the admin token is printed only on first start." >&2
  echo "walkthrough: remove ./data (or start once with --reset-admin) and run again." >&2
  exit 1
fi
log=$(mktemp)
setsid bash -c "$start_cmd" >"$log" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf data; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  grep -q '^ADMIN TOKEN: ' "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "walkthrough: the example exited" >&2; exit 1; fi
  sleep 1
done
ADMIN=$(sed -n 's/^ADMIN TOKEN: //p' "$log" | head -1)
[ -n "$ADMIN" ] || { cat "$log"; echo "walkthrough: no ADMIN TOKEN line within 300 s" >&2; exit 1; }
# the token line comes no later than the server listens; wait for HTTP before the walk-through
for _ in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' $BASE/ 2>/dev/null)" = 200 ] && break
  sleep 1
done
token_line=$(grep -n '^ADMIN TOKEN: ' "$log" | head -1 | cut -d: -f1)
listen_line=$(grep -n 'listening on' "$log" | head -1 | cut -d: -f1)
if [ -z "$listen_line" ] || [ "$token_line" -gt "$listen_line" ]; then
  cat "$log"; echo "walkthrough: the example must print its ADMIN TOKEN line before it listens" >&2; exit 1
fi

fails=0
check() { # expected actual what
  if [ "$1" = "$2" ]; then echo "  ok   $3 -> $2"; else echo "  FAIL $3 -> $2 (expected $1)"; fails=$((fails+1)); fi
}
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

check 401 "$(code $BASE/api/orders)" "GET /api/orders without a token"
check 405 "$(code -X TRACE $BASE/api/orders -H "Authorization: Bearer $ADMIN")" "TRACE /api/orders (never echoes the token)"
check 0 "$(curl -sI $BASE/ | grep -ci '^server:' || true)" "Server headers"
check 700 "$(stat -c %a data)" "mode of the H2 data directory"
created=$(curl -s -X POST $BASE/admin/api/tokens -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"walkthrough","owner":"alice","role":"READONLY","access":{"reports":"NONE"},"expiration":{"months":3}}')
TOKEN=$(printf '%s' "$created" | grep -o '"secret" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
ID=$(printf '%s' "$created" | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
check 1 "$([ -n "$TOKEN" ] && [ -n "$ID" ] && echo 1 || echo 0)" "POST /admin/api/tokens returns the token and its secret"
check 200 "$(code $BASE/api/orders -H "Authorization: Bearer $TOKEN")" "GET /api/orders with the token"
check 403 "$(code -X POST $BASE/api/orders -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"item":"book"}')" "POST /api/orders with a read-only token"
check 403 "$(code $BASE/api/reports -H "Authorization: Bearer $TOKEN")" "GET /api/reports without access to reports"
check 401 "$(code $BASE/api/orders -H "Authorization: Bearer ${TOKEN%?}x")" "GET /api/orders with a mistyped token"
rotated=$(curl -s -X POST "$BASE/admin/api/tokens/$ID/rotate" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{}')
NEW=$(printf '%s' "$rotated" | grep -o '"secret" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
check 401 "$(code $BASE/api/orders -H "Authorization: Bearer $TOKEN")" "the old secret after rotate"
check 200 "$(code $BASE/api/orders -H "Authorization: Bearer $NEW")" "the new secret after rotate"
check 200 "$(code -X POST "$BASE/admin/api/tokens/$ID/revoke" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{}')" "POST /admin/api/tokens/{id}/revoke"
check 401 "$(code $BASE/api/orders -H "Authorization: Bearer $NEW")" "the revoked token"
check 401 "$(code $BASE/admin/api/tokens -H "Authorization: Bearer $NEW")" "the management API with a revoked token"

if [ "$fails" -gt 0 ]; then echo "walkthrough: $fails check(s) failed"; cat "$log"; exit 1; fi
echo "walkthrough: all checks passed"
