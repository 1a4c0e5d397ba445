#!/usr/bin/env bash
# bench/run.sh BUILD_DIR: one benchmark run on this machine, ending in a summary table.
#
#   1. the ceilings: a bare Beast server (hello_server) and bare SQLite ticket inserts
#      (sqlite_insert), measured the same way as tierdesk;
#   2. tierdesk itself, serving a copy of a demo database with 1,000,000 tickets: point reads,
#      ticket creation at 1 and 64 connections, a queue listing and full-text search.
#
# The seeded database is cached in BUILD_DIR/seed-1m (delete it to re-seed, e.g. after a schema
# or demo change) and copied to a scratch directory for every run, so runs don't accumulate
# writes. Everything listens on 127.0.0.1 only; every step is bounded in time.
#
# Knobs (environment): TD_BENCH_DURATION (measured seconds per step, default 5),
# TD_BENCH_WARMUP (default 1), TD_BENCH_WRITE_WARMUP (the POST steps', default 8), TD_BENCH_CONNECTIONS (default 64), TD_BENCH_TICKETS (default
# 1000000; another value gets its own seed directory).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: bench/run.sh BUILD_DIR" >&2
  exit 2
fi
BUILD_DIR=$(cd "$1" && pwd)
BIN=$BUILD_DIR/bench
TIERDESK=$BUILD_DIR/src/cli/tierdesk
LOADGEN=$BIN/loadgen
DURATION=${TD_BENCH_DURATION:-5}
WARMUP=${TD_BENCH_WARMUP:-1}
WRITE_WARMUP=${TD_BENCH_WRITE_WARMUP:-8}
CONNECTIONS=${TD_BENCH_CONNECTIONS:-64}
TICKETS=${TD_BENCH_TICKETS:-1000000}
if [[ $TICKETS == 1000000 ]]; then SEED_DIR=$BUILD_DIR/seed-1m; else SEED_DIR=$BUILD_DIR/seed-$TICKETS; fi
DEMO_PASSWORD=tierdesk-demo-2026
AGENT=agent@hanbit-cloud.example
CUSTOMER_ID=4
LOAD_TIMEOUT=$((DURATION + WARMUP + 20))

for binary in "$TIERDESK" "$LOADGEN" "$BIN/hello_server" "$BIN/sqlite_insert" "$BIN/calendar_bench" "$BIN/rules_bench" \
              "$BIN/billing_bench" "$BIN/billing_preview"; do
  [[ -x $binary ]] || { echo "bench: $binary is missing; build with -DTD_BUILD_BENCH=ON" >&2; exit 1; }
done

SCRATCH=$(mktemp -d "$BUILD_DIR/bench-run.XXXXXX")  # on the build disk, like a real data dir
SERVER_PID=""

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_server() {
  [[ -n $SERVER_PID ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 150); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "process $SERVER_PID ignored SIGTERM for 15 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  local status=$?
  stop_server
  rm -rf "$SCRATCH"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits (bounded) for a line matching REGEX in FILE written by SERVER_PID; prints the line.
wait_for_line() {
  local file=$1 regex=$2 seconds=$3
  for _ in $(seq $((seconds * 10))); do
    if grep -Eq "$regex" "$file" 2>/dev/null; then
      grep -E -m1 "$regex" "$file"
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "the server exited early:"; cat "$file" >&2; return 1
    fi
    sleep 0.1
  done
  log "no '$regex' from the server within $seconds s:"; cat "$file" >&2
  return 1
}

# field NAME LINE: the value after NAME in a "name value name value" line.
field() { awk -v key="$1" '{ for (i = 1; i < NF; i++) if ($i == key) { print $(i + 1); exit } }' <<<"$2"; }

# CPU accounting, so that a busy machine (another build, a test run) shows in the results.
CORES=$(nproc)
TICKS=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }  # incl. steal
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
now_ns() { date +%s%N; }

# load NAME ARGS...: runs loadgen for one step against SERVER_PID and stores in RESULT_<NAME>
# its line plus srv_us_per_req (server CPU per request, warm-up included) and other_cpu_pct
# (CPU used by processes other than the server and loadgen, % of all cores; includes steal).
load() {
  local name=$1
  shift
  local line busy0 srv0 t0 busy1 srv1 t1 extra
  busy0=$(busy_ticks); srv0=$(server_ticks); t0=$(now_ns)
  line=$(timeout "$LOAD_TIMEOUT" "$LOADGEN" --host 127.0.0.1 --duration "$DURATION" \
         --warmup "${STEP_WARMUP:-$WARMUP}" --show-non2xx 3 "$@") || { log "loadgen failed for $name"; return 1; }
  busy1=$(busy_ticks); srv1=$(server_ticks); t1=$(now_ns)
  extra=$(awk -v b=$((busy1 - busy0)) -v s=$((srv1 - srv0)) -v hz="$TICKS" -v ns=$((t1 - t0)) \
              -v cores="$CORES" -v n="$(field all_requests "$line")" -v lg="$(field cpu_s "$line")" '
    BEGIN {
      other = (b - s) / hz - lg; if (other < 0) other = 0
      printf "srv_us_per_req %.1f other_cpu_pct %.0f", (n > 0 ? s / hz * 1e6 / n : 0),
             100 * other / (ns / 1e9 * cores)
    }')
  line="$line $extra"
  log "$name: $line"
  printf -v "RESULT_$name" '%s' "$line"
}

# run_sqlite STEP ARGS...: one sqlite_insert run; stores its rate in SQLITE_<STEP> and the CPU
# share of other processes in SQLITE_<STEP>_OTHER.
run_sqlite() {
  local step=$1 line busy0 busy1 t0 t1
  shift
  busy0=$(busy_ticks); t0=$(now_ns)
  line=$(timeout 60 "$BIN/sqlite_insert" --dir "$SCRATCH" --seconds "$DURATION" "$@")
  busy1=$(busy_ticks); t1=$(now_ns)
  log "sqlite $step: $(tr '\n' ' ' <<<"$line")"
  printf -v "SQLITE_$step" '%s' "$(field sqlite_inserts_per_s "$line")"
  printf -v "SQLITE_${step}_OTHER" '%s' "$(awk -v b=$((busy1 - busy0)) -v hz="$TICKS" \
    -v own="$(field cpu_s "$line")" -v ns=$((t1 - t0)) -v cores="$CORES" 'BEGIN {
      other = b / hz - own; if (other < 0) other = 0
      printf "%.0f", 100 * other / (ns / 1e9 * cores) }')"
}

once() { timeout 15 "$LOADGEN" --host 127.0.0.1 --once "$@" 2>/dev/null; }

# How busy the machine is before we start: the figures are only comparable on an idle one.
busy_before=$(busy_ticks); sleep 1; busy_after=$(busy_ticks)
IDLE_LOAD=$(awk -v b=$((busy_after - busy_before)) -v hz="$TICKS" -v cores="$CORES" \
            'BEGIN { printf "%.0f", 100 * b / hz / cores }')
log "CPU busy before the run: $IDLE_LOAD% of $CORES cores"

# ---------------------------------------------------------------------------------------------
# 0. The business-hours calendar's primitives, one core (Google Benchmark).
log "calendar_bench: AddBusinessTime and BusinessTimeBetween on a Seoul office calendar"
CALENDAR_OUT=$(timeout 120 "$BIN/calendar_bench" --benchmark_filter='BM_(AddBusinessTime|BusinessTimeBetween)$' \
               --benchmark_min_time=2 --benchmark_format=csv 2>/dev/null)
calendar_rate() { awk -F, -v name="\"$1\"" '$1 == name { printf "%.0f", $7 }' <<<"$CALENDAR_OUT"; }
CALENDAR_ADD=$(calendar_rate BM_AddBusinessTime)
CALENDAR_BETWEEN=$(calendar_rate BM_BusinessTimeBetween)
log "calendar: AddBusinessTime $CALENDAR_ADD calls/s, BusinessTimeBetween $CALENDAR_BETWEEN calls/s"

# 0b. Routing rules: 200 realistic rules over varied tickets, one core (Google Benchmark).
log "rules_bench: 200 routing rules per ticket"
RULES_OUT=$(timeout 120 "$BIN/rules_bench" --benchmark_min_time=2 --benchmark_format=csv 2>/dev/null)
RULES_RATE=$(awk -F, '$1 == "\"BM_RunRules\"" { printf "%.0f", $7 }' <<<"$RULES_OUT")
log "rules: $RULES_RATE ticket evaluations/s"

# 0c. Billing: a month for 10,000 customers and 1,000,000 time entries: rating alone (one core,
# Google Benchmark), then the whole preview on SQLite (read and rate; best of three on a seeded
# database cached in BUILD_DIR/seed-billing).
log "billing_bench: rating a month, 10,000 customers, 1,000,000 time entries"
BILLING_OUT=$(timeout 300 "$BIN/billing_bench" --benchmark_min_time=2 --benchmark_format=csv 2>/dev/null)
BILLING_RATE_MS=$(awk -F, '$1 == "\"BM_RateMonth/real_time\"" { printf "%.0f", $3 }' <<<"$BILLING_OUT")
log "billing rating: $BILLING_RATE_MS ms"
log "billing_preview: the same month read from SQLite and rated"
BILLING_PREVIEW_OUT=$(timeout 600 "$BIN/billing_preview" "$BUILD_DIR/seed-billing")
BILLING_PREVIEW_MS=$(awk '$1 == "PREVIEW_MS" { print $2 }' <<<"$BILLING_PREVIEW_OUT")
log "billing preview: $BILLING_PREVIEW_MS ms"

# ---------------------------------------------------------------------------------------------
# 1. Ceilings
log "hello_server: GET / at $CONNECTIONS connections"
"$BIN/hello_server" 0 >"$SCRATCH/hello.out" 2>&1 &
SERVER_PID=$!
HELLO_PORT=$(wait_for_line "$SCRATCH/hello.out" '^PORT [0-9]+' 5 | awk '{print $2}')
load hello --port "$HELLO_PORT" --connections "$CONNECTIONS" --path /
stop_server

log "sqlite_insert: tickets as tierdesk writes them, 100 per transaction, synchronous=FULL"
run_sqlite SAME
run_sqlite PLAIN --no-search-seq

# ---------------------------------------------------------------------------------------------
# 2. tierdesk
SEEDED_NOW=""
if [[ ! -f $SEED_DIR/.complete ]]; then
  log "seeding $TICKETS tickets into $SEED_DIR (once; takes minutes)"
  rm -rf "$SEED_DIR" "$SEED_DIR.partial"
  mkdir -p "$SEED_DIR.partial"
  seed_started=$(date +%s)
  TIERDESK_PASSWORD_HASH=minimum TIERDESK_LOG_LEVEL=warn timeout 1800 \
    "$TIERDESK" demo --data-dir "$SEED_DIR.partial" --tickets "$TICKETS" >"$SCRATCH/demo.out"
  SEEDED_NOW=$(($(date +%s) - seed_started))
  head -1 "$SCRATCH/demo.out" >&2
  touch "$SEED_DIR.partial/.complete"
  mv "$SEED_DIR.partial" "$SEED_DIR"
fi
DATA=$SCRATCH/data
cp -a "$SEED_DIR" "$DATA"
log "copied the seed ($(du -sh "$DATA" | cut -f1)) to $DATA"

TIERDESK_ACCESS_LOG=false TIERDESK_LOG_LEVEL=warn TIERDESK_PASSWORD_HASH=minimum \
  "$TIERDESK" serve --data-dir "$DATA" --listen 127.0.0.1:0 >"$SCRATCH/serve.out" 2>&1 &
SERVER_PID=$!
PORT=$(wait_for_line "$SCRATCH/serve.out" 'serving on http://127\.0\.0\.1:[0-9]+' 60 |
       sed -E 's|.*http://127\.0\.0\.1:([0-9]+).*|\1|')
for _ in $(seq 100); do
  once --port "$PORT" --path /readyz >/dev/null && break
  sleep 0.1
done
once --port "$PORT" --path /readyz >/dev/null || { log "/readyz never answered 2xx"; exit 1; }
log "tierdesk is ready on port $PORT (pid $SERVER_PID)"

LOGIN=$(once --port "$PORT" --method POST --path /api/v1/auth/login \
        --body "{\"email\":\"$AGENT\",\"password\":\"$DEMO_PASSWORD\"}") || {
  log "login failed: $LOGIN"; exit 1; }
TOKEN=$(sed -nE 's/.*"token":"([^"]+)".*/\1/p' <<<"$LOGIN")
[[ -n $TOKEN ]] || { log "no token in the login answer: $LOGIN"; exit 1; }
AUTH="authorization: Bearer $TOKEN"
ORG=$(once --port "$PORT" --path "/api/v1/organizations/$CUSTOMER_ID" --header "$AUTH") || true
if ! grep -q '"kind":"customer"' <<<"$ORG"; then
  log "warning: organisation $CUSTOMER_ID is not a customer: $ORG"
fi

load get --port "$PORT" --connections "$CONNECTIONS" --header "$AUTH" \
  --path "/api/v1/tickets/{rand:1:$TICKETS}"

TICKET_BODY='{"customer_id":'$CUSTOMER_ID',"service":"azure","category":"technical",'
TICKET_BODY+='"severity":"moderate","subject":"Bench ticket",'
TICKET_BODY+='"description":"VM fails to start after resize; correlation id 1234"}'
# Writes touch the pages of eight ticket indexes across the freshly copied database: on a cold
# page cache the first seconds run at a fraction of the steady rate, so warm the write path up.
STEP_WARMUP=$WRITE_WARMUP load post1 --port "$PORT" --connections 1 --method POST --header "$AUTH" \
  --path /api/v1/tickets --body "$TICKET_BODY"
metric() { once --port "$PORT" --path /metrics | awk -v key="$1" '$1 == key { print $2 }'; }
COMMITS0=$(metric tierdesk_db_commit_batch_size_count); JOBS0=$(metric tierdesk_db_commit_batch_size_sum)
STEP_WARMUP=$WRITE_WARMUP load post64 --port "$PORT" --connections "$CONNECTIONS" --method POST --header "$AUTH" \
  --path /api/v1/tickets --body "$TICKET_BODY"
COMMITS1=$(metric tierdesk_db_commit_batch_size_count); JOBS1=$(metric tierdesk_db_commit_batch_size_sum)
GROUP_COMMIT=$(awk -v c0="$COMMITS0" -v c1="$COMMITS1" -v j0="$JOBS0" -v j1="$JOBS1" 'BEGIN {
  if (c1 == "" || c1 - c0 <= 0) print "n/a (no tierdesk_db_commit_batch_size metric)";
  else printf "%d commits, %.1f writes per commit on average", c1 - c0, (j1 - j0) / (c1 - c0) }')

load listing --port "$PORT" --connections 1 --header "$AUTH" \
  --path '/api/v1/tickets?team_id=3&status=open&limit=50'
load search1 --port "$PORT" --connections 1 --header "$AUTH" --path '/api/v1/tickets?q=outlook&limit=50'
load search2 --port "$PORT" --connections 1 --header "$AUTH" \
  --path '/api/v1/tickets?q=sign+outlook&limit=50'

# Sanity: the listing and the searches must return tickets, not an empty page.
for check in 'team_id=3&status=open&limit=50' 'q=outlook&limit=50' 'q=sign+outlook&limit=50'; do
  items=$(once --port "$PORT" --path "/api/v1/tickets?$check" --header "$AUTH" |
          grep -o '"id":' | wc -l || true)
  [[ $items -gt 0 ]] || log "warning: /api/v1/tickets?$check returned no tickets"
done

RSS_KB=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status")
THREADS=$(awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status")
stop_server

# ---------------------------------------------------------------------------------------------
# Summary
FORMAT='%-42s %5s %10s %8s %8s %7s %6s %9s %6s\n'
row() {  # row LABEL CONNECTIONS LINE
  printf "$FORMAT" "$1" "$2" "$(field requests_per_s "$3")" "$(field p50_us "$3")" \
    "$(field p99_us "$3")" "$(field non2xx "$3")" "$(field errors "$3")" \
    "$(field srv_us_per_req "$3")" "$(field other_cpu_pct "$3")%"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() {  # verdict VALUE OP LIMIT OTHER_CPU_PCT...: "ok" or "MISSED", flagged when noisy
  local value=$1 op=$2 limit=$3
  shift 3
  local noise
  noise=$(printf '%s\n' "$@" | sort -n | tail -1)
  awk -v v="$value" -v op="$op" -v l="$limit" -v noise="$noise" 'BEGIN {
    ok = (op == ">=") ? (v >= l) : (v <= l)
    note = noise > 10 ? " (noisy: other processes used " noise "% CPU)" : ""
    printf "%s%s\n", ok ? "ok" : "MISSED", note }'
}
other() { field other_cpu_pct "$1"; }

HELLO_RATE=$(field requests_per_s "$RESULT_hello")
GET_RATE=$(field requests_per_s "$RESULT_get")
POST64_RATE=$(field requests_per_s "$RESULT_post64")
GET_RATIO=$(ratio "$GET_RATE" "$HELLO_RATE")
POST_RATIO=$(ratio "$POST64_RATE" "$SQLITE_SAME")
POST_PLAIN_RATIO=$(ratio "$POST64_RATE" "$SQLITE_PLAIN")
CPU_RATIO=$(ratio "$(field srv_us_per_req "$RESULT_hello")" "$(field srv_us_per_req "$RESULT_get")")
LISTING_P99_MS=$(awk -v u="$(field p99_us "$RESULT_listing")" 'BEGIN { printf "%.2f", u / 1000 }')
SEARCH1_P99_MS=$(awk -v u="$(field p99_us "$RESULT_search1")" 'BEGIN { printf "%.2f", u / 1000 }')
SEARCH2_P99_MS=$(awk -v u="$(field p99_us "$RESULT_search2")" 'BEGIN { printf "%.2f", u / 1000 }')

echo
echo "tierdesk benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $CORES cores, $TICKETS tickets," \
  "${DURATION} s per step after ${WARMUP} s warm-up"
[[ -n $SEEDED_NOW ]] && echo "(seeded $TICKETS tickets in ${SEEDED_NOW} s this run)"
echo "CPU busy before the run: $IDLE_LOAD%. 'other' = CPU used by processes other than the server"
echo "and loadgen during the step (% of all cores, steal included): above ~5% the figures are noisy."
echo
printf "$FORMAT" "step" "conns" "req/s" "p50 us" "p99 us" "non-2xx" "errors" "srv us/req" "other"
printf '%.0s-' {1..108}; echo
row "hello_server GET /" "$CONNECTIONS" "$RESULT_hello"
printf "$FORMAT" "bare SQLite ticket inserts (as tierdesk)" - "$SQLITE_SAME" - - - - - "$SQLITE_SAME_OTHER%"
printf "$FORMAT" "bare SQLite, no search_seq UPDATE" - "$SQLITE_PLAIN" - - - - - "$SQLITE_PLAIN_OTHER%"
row "tierdesk GET /api/v1/tickets/{id}" "$CONNECTIONS" "$RESULT_get"
row "tierdesk POST /api/v1/tickets" 1 "$RESULT_post1"
row "tierdesk POST /api/v1/tickets" "$CONNECTIONS" "$RESULT_post64"
row "tierdesk list team=3 status=open limit=50" 1 "$RESULT_listing"
row "tierdesk search q=outlook limit=50" 1 "$RESULT_search1"
row "tierdesk search q=sign+outlook limit=50" 1 "$RESULT_search2"
echo
echo "group commit during POST($CONNECTIONS): $GROUP_COMMIT"
printf 'tierdesk RSS after the run: %d MiB (peak %d MiB, %d threads)\n' $((RSS_KB / 1024)) \
  $((HWM_KB / 1024)) "$THREADS"
echo
printf '%-44s %8s %10s  %s\n' "check" "value" "target" "verdict"
printf '%-44s %8s %10s  %s\n' "hello_server req/s" "$HELLO_RATE" "~65000" \
  "$(verdict "$HELLO_RATE" '>=' 45000 "$(other "$RESULT_hello")")"
printf '%-44s %8s %10s  %s\n' "GET / hello" "$GET_RATIO" ">= 0.50" \
  "$(verdict "$GET_RATIO" '>=' 0.50 "$(other "$RESULT_hello")" "$(other "$RESULT_get")")"
printf '%-44s %8s %10s  %s\n' "POST($CONNECTIONS) / bare SQLite (same SQL)" "$POST_RATIO" ">= 0.30" \
  "$(verdict "$POST_RATIO" '>=' 0.30 "$SQLITE_SAME_OTHER" "$(other "$RESULT_post64")")"
printf '%-44s %8s %10s\n' "POST($CONNECTIONS) / bare SQLite (no seq update)" "$POST_PLAIN_RATIO" "(info)"
printf '%-44s %8s %10s  %s\n' "hello / GET server CPU per request" "$CPU_RATIO" "(info)" \
  "(the GET/hello ceiling when the server is the bottleneck)"
printf '%-44s %8s %10s  %s\n' "listing p99 ms" "$LISTING_P99_MS" "<= 5" \
  "$(verdict "$LISTING_P99_MS" '<=' 5 "$(other "$RESULT_listing")")"
printf '%-44s %8s %10s  %s\n' "search q=outlook p99 ms" "$SEARCH1_P99_MS" "<= 50" \
  "$(verdict "$SEARCH1_P99_MS" '<=' 50 "$(other "$RESULT_search1")")"
printf '%-44s %8s %10s  %s\n' "search q=sign+outlook p99 ms" "$SEARCH2_P99_MS" "<= 50" \
  "$(verdict "$SEARCH2_P99_MS" '<=' 50 "$(other "$RESULT_search2")")"
printf '%-44s %8s %10s  %s\n' "calendar AddBusinessTime calls/s" "$CALENDAR_ADD" ">= 5e6" \
  "$(verdict "$CALENDAR_ADD" '>=' 5000000 0)"
printf '%-44s %8s %10s  %s\n' "calendar BusinessTimeBetween calls/s" "$CALENDAR_BETWEEN" ">= 5e6" \
  "$(verdict "$CALENDAR_BETWEEN" '>=' 5000000 0)"
printf '%-44s %8s %10s  %s\n' "rules: tickets evaluated/s (200 rules)" "$RULES_RATE" ">= 2e5" \
  "$(verdict "$RULES_RATE" '>=' 200000 0)"
printf '%-44s %8s %10s  %s\n' "billing: rate 10k customers, 1M entries ms" "$BILLING_RATE_MS" "<= 2000" \
  "$(verdict "$BILLING_RATE_MS" '<=' 2000 0)"
printf '%-44s %8s %10s  %s\n' "billing: preview on SQLite (read+rate) ms" "$BILLING_PREVIEW_MS" "<= 2000" \
  "$(verdict "$BILLING_PREVIEW_MS" '<=' 2000 0)"
