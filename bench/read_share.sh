#!/usr/bin/env bash
# bench/read_share.sh BUILD_A [BUILD_B]: GET /api/v1/tickets/{id} at 64 connections against the
# bare Beast hello_server, in alternated rounds (hello, A, B, hello, A, B, ...), so that two
# builds are compared on this noisy machine under the same conditions. Prints, per round, each
# server's req/s, its share of hello's, and its server CPU per request. Each build serves its own
# seeded demo database (TD_BENCH_TICKETS tickets, default 100000, cached in BUILD/seed-<n>).
# Knobs: TD_BENCH_ROUNDS (default 3), TD_BENCH_DURATION (default 5), TD_BENCH_CONNECTIONS (64).
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: bench/read_share.sh BUILD_A [BUILD_B]" >&2; exit 2; }
BUILDS=()
for dir in "$@"; do BUILDS+=("$(cd "$dir" && pwd)"); done
ROUNDS=${TD_BENCH_ROUNDS:-3}
DURATION=${TD_BENCH_DURATION:-5}
CONNECTIONS=${TD_BENCH_CONNECTIONS:-64}
TICKETS=${TD_BENCH_TICKETS:-100000}
LOADGEN=${BUILDS[-1]}/bench/loadgen
HELLO=${BUILDS[-1]}/bench/hello_server
SCRATCH=$(mktemp -d)
PID=""
stop() { [[ -n $PID ]] && { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }; }
trap 'stop; rm -rf "$SCRATCH"' EXIT
log() { printf '[read_share %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
field() { sed -nE "s/.*(^| )$1 ([^ ]+).*/\2/p" <<<"$2"; }
wait_for() { for _ in $(seq 600); do grep -Eq "$2" "$1" 2>/dev/null && { grep -Eo -m1 "$2" "$1"; return 0; }; sleep 0.1; done; return 1; }
server_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
measure() {  # measure PORT PATH [HEADER]: prints "req_s us_per_req"
  local s0 s1 line n
  s0=$(server_ticks)
  line=$(timeout $((DURATION + 30)) "$LOADGEN" --host 127.0.0.1 --port "$1" --connections "$CONNECTIONS" \
         --duration "$DURATION" --warmup 1 --path "$2" ${3:+--header "$3"})
  s1=$(server_ticks)
  n=$(field all_requests "$line")
  awk -v r="$(field requests_per_s "$line")" -v s=$((s1 - s0)) -v hz="$(getconf CLK_TCK)" -v n="$n" \
      'BEGIN { printf "%.0f %.1f", r, (n > 0 ? s / hz * 1e6 / n : 0) }'
}

for build in "${BUILDS[@]}"; do
  if [[ ! -f $build/seed-$TICKETS/.complete ]]; then
    log "seeding $TICKETS tickets for $build"
    rm -rf "$build/seed-$TICKETS"
    TIERDESK_PASSWORD_HASH=minimum TIERDESK_LOG_LEVEL=warn timeout 1800 \
      "$build/src/cli/tierdesk" demo --data-dir "$build/seed-$TICKETS" --tickets "$TICKETS" > /dev/null
    touch "$build/seed-$TICKETS/.complete"
  fi
done

for round in $(seq "$ROUNDS"); do
  "$HELLO" 0 > "$SCRATCH/hello.out" 2>&1 & PID=$!
  port=$(wait_for "$SCRATCH/hello.out" 'PORT [0-9]+' | awk '{print $2}')
  read -r hello_rps hello_us <<<"$(measure "$port" /)"
  stop
  printf 'round %d hello %s req/s %s us/req\n' "$round" "$hello_rps" "$hello_us"
  for build in "${BUILDS[@]}"; do
    rm -rf "$SCRATCH/data"; cp -a "$build/seed-$TICKETS" "$SCRATCH/data"
    TIERDESK_ACCESS_LOG=false TIERDESK_LOG_LEVEL=warn TIERDESK_PASSWORD_HASH=minimum \
      "$build/src/cli/tierdesk" serve --data-dir "$SCRATCH/data" --listen 127.0.0.1:0 > "$SCRATCH/serve.out" 2>&1 & PID=$!
    port=$(wait_for "$SCRATCH/serve.out" 'http://127\.0\.0\.1:[0-9]+' | sed -E 's|.*:([0-9]+)$|\1|')
    login=$("$LOADGEN" --host 127.0.0.1 --port "$port" --once --method POST --path /api/v1/auth/login \
            --body '{"email":"agent@hanbit-cloud.example","password":"tierdesk-demo-2026"}')
    token=$(sed -nE 's/.*"token":"([^"]+)".*/\1/p' <<<"$login")
    read -r rps us <<<"$(measure "$port" "/api/v1/tickets/{rand:1:$TICKETS}" "authorization: Bearer $token")"
    stop
    printf 'round %d %s %s req/s share %.3f %s us/req\n' "$round" "$build" "$rps" \
      "$(awk -v a="$rps" -v b="$hello_rps" 'BEGIN { print a / b }')" "$us"
  done
done
