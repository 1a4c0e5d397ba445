#!/usr/bin/env bash
# bench/post_rate.sh BUILD_DIR [RUNS]: ticket creation alone, the way the figures in
# docs/performance.md compare builds: for each run a fresh copy of BUILD_DIR/seed-1m (made by
# bench/run.sh), the bench ticket posted at 64 connections for 10 s after 8 s of warm-up.
# TD_BENCH_RULES=off deletes the routing rules first (creation without rules, same build).
# Prints one line per run and the mean. Listens on 127.0.0.1 only.
set -euo pipefail
BUILD_DIR=$(cd "$1" && pwd)
RUNS=${2:-2}
TIERDESK=$BUILD_DIR/src/cli/tierdesk
LOADGEN=$BUILD_DIR/bench/loadgen
SEED=$BUILD_DIR/seed-1m
[[ -f $SEED/.complete ]] || { echo "post_rate: no seed in $SEED; run bench/run.sh first" >&2; exit 1; }
SCRATCH=$(mktemp -d "$BUILD_DIR/post-rate.XXXXXX")
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
once() { "$LOADGEN" --host 127.0.0.1 --once "$@"; }
BODY='{"customer_id":4,"service":"azure","category":"technical","severity":"moderate","subject":"Bench ticket",'
BODY+='"description":"VM fails to start after resize; correlation id 1234"}'
total=0
for run in $(seq "$RUNS"); do
  rm -rf "$SCRATCH/data"
  cp -a "$SEED" "$SCRATCH/data"
  TIERDESK_ACCESS_LOG=false TIERDESK_LOG_LEVEL=warn TIERDESK_PASSWORD_HASH=minimum \
    "$TIERDESK" serve --data-dir "$SCRATCH/data" --listen 127.0.0.1:0 >"$SCRATCH/serve.out" 2>&1 &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 600); do
    PORT=$(sed -nE 's|.*serving on http://127\.0\.0\.1:([0-9]+).*|\1|p' "$SCRATCH/serve.out" | head -1)
    [[ -n $PORT ]] && break
    sleep 0.1
  done
  [[ -n $PORT ]] || { echo "post_rate: the server did not start" >&2; cat "$SCRATCH/serve.out" >&2; exit 1; }
  TOKEN=$(once --port "$PORT" --method POST --path /api/v1/auth/login \
            --body '{"email":"admin@hanbit-cloud.example","password":"tierdesk-demo-2026"}' |
          sed -nE 's/.*"token":"([^"]+)".*/\1/p')
  AUTH="authorization: Bearer $TOKEN"
  if [[ ${TD_BENCH_RULES:-on} == off ]]; then
    for id in $(once --port "$PORT" --path /api/v1/rules --header "$AUTH" | grep -oE '"id":[0-9]+' | cut -d: -f2); do
      "$LOADGEN" --host 127.0.0.1 --port "$PORT" --once --method DELETE --path "/api/v1/rules/$id" --header "$AUTH" >/dev/null || true
    done
  fi
  line=$("$LOADGEN" --host 127.0.0.1 --port "$PORT" --connections 64 --duration 10 --warmup 8 --method POST \
           --header "$AUTH" --path /api/v1/tickets --body "$BODY")
  rate=$(awk '{ for (i = 1; i < NF; i++) if ($i == "requests_per_s") { print $(i + 1); exit } }' <<<"$line")
  echo "run $run (rules ${TD_BENCH_RULES:-on}): $line"
  total=$(awk -v a="$total" -v b="$rate" 'BEGIN { print a + b }')
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
done
awk -v t="$total" -v n="$RUNS" 'BEGIN { printf "mean %.0f tickets/s over %d runs\n", t / n, n }'
