#!/usr/bin/env bash
# bench/web_paint.sh BUILD_DIR [RUNS]: the console's first meaningful paint of the default queue
# and the time to open a ticket, in Chromium, against tierdesk serving a copy of the demo database
# with 1,000,000 tickets (the seed bench/run.sh caches in BUILD_DIR/seed-1m; seeded here if
# missing) and the built web front end (web/dist; scripts/build-web.sh). Targets (the issue's):
# queue under 1 s, ticket under 300 ms. Loopback only; the server is stopped at the end.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: bench/web_paint.sh BUILD_DIR [RUNS]" >&2; exit 2; }
BUILD_DIR=$(cd "$1" && pwd)
RUNS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TIERDESK=$BUILD_DIR/src/cli/tierdesk
SEED_DIR=$BUILD_DIR/seed-1m
[[ -x $TIERDESK ]] || { echo "bench: no $TIERDESK (make bench builds it)" >&2; exit 1; }
[[ -f $ROOT/web/dist/console.html ]] || { echo "bench: web/dist is not built (scripts/build-web.sh)" >&2; exit 1; }
"$ROOT/scripts/npm-ci.sh" "$ROOT/tests/browser" bench
log() { printf '[web bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ ! -f $SEED_DIR/.complete ]]; then
  log "seeding 1000000 tickets into $SEED_DIR (once; takes minutes)"
  rm -rf "$SEED_DIR.partial" && mkdir -p "$SEED_DIR.partial"
  TIERDESK_PASSWORD_HASH=minimum TIERDESK_LOG_LEVEL=warn timeout 1800 \
    "$TIERDESK" demo --data-dir "$SEED_DIR.partial" --tickets 1000000 > /dev/null
  touch "$SEED_DIR.partial/.complete" && mv "$SEED_DIR.partial" "$SEED_DIR"
fi
SCRATCH=$(mktemp -d "$BUILD_DIR/web-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2> /dev/null && wait "$SERVER_PID" 2> /dev/null
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
cp -a "$SEED_DIR" "$SCRATCH/data"
TIERDESK_ACCESS_LOG=false TIERDESK_LOG_LEVEL=warn TIERDESK_PASSWORD_HASH=minimum \
  "$TIERDESK" serve --data-dir "$SCRATCH/data" --listen 127.0.0.1:0 --web-root "$ROOT/web/dist" \
  > "$SCRATCH/serve.out" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 600); do
  PORT=$(sed -nE 's|.*serving on http://127\.0\.0\.1:([0-9]+).*|\1|p' "$SCRATCH/serve.out" | head -1)
  [[ -n $PORT ]] && break
  kill -0 "$SERVER_PID" 2> /dev/null || { cat "$SCRATCH/serve.out" >&2; exit 1; }
  sleep 0.1
done
[[ -n $PORT ]] || { log "the server did not start"; cat "$SCRATCH/serve.out" >&2; exit 1; }
log "tierdesk on port $PORT, $RUNS runs"
timeout 600 node "$ROOT/bench/web_paint.mjs" "http://127.0.0.1:$PORT" "$RUNS"
