#!/usr/bin/env bash
# The accessibility check of the printable support statement, as ctest runs it:
#   tests/browser/run_axe_check.sh path/to/tierdesk
# Fills a fresh data directory with the demo, serves it on a loopback port, runs axe_check.mjs
# (Debian's chromium through playwright-core, axe-core injected) over every customer's statement
# in English and Korean, and stops the server. Anything missing is a failure with a message,
# never a skip.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tierdesk=${1:?usage: run_axe_check.sh path/to/tierdesk}
chromium=${TD_CHROMIUM:-/usr/bin/chromium}

fail() {
  echo "run_axe_check: $*" >&2
  exit 1
}
[[ -x "$tierdesk" ]] || fail "no tierdesk binary at $tierdesk"
[[ -x "$chromium" ]] || fail "no Chromium at $chromium; run scripts/install-deps.sh (Debian's chromium)"

# playwright-core and axe-core exactly as package-lock.json pins them (no install scripts, so no
# browser download is ever attempted).
"$here/../../scripts/npm-ci.sh" "$here" run_axe_check

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n "$server" ]]; then
    kill "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export TIERDESK_PASSWORD_HASH=minimum TIERDESK_ACCESS_LOG=false
"$tierdesk" demo --data-dir "$work" --tickets 0 > "$work/demo.log" 2>&1 || {
  cat "$work/demo.log" >&2
  fail "tierdesk demo failed"
}
token=$("$tierdesk" token create --data-dir "$work" --email admin@hanbit-cloud.example 2> "$work/token.log" | head -n 1)
[[ "$token" == tdk_* ]] || {
  cat "$work/token.log" >&2
  fail "no token for the demo admin"
}

"$tierdesk" serve --data-dir "$work" --listen 127.0.0.1:0 > "$work/serve.log" 2>&1 &
server=$!
port=
for _ in $(seq 1 150); do
  port=$(sed -n 's|.*serving on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/serve.log" | head -n 1)
  [[ -n "$port" ]] && break
  kill -0 "$server" 2> /dev/null || break
  sleep 0.2
done
[[ -n "$port" ]] || {
  cat "$work/serve.log" >&2
  fail "the server did not start within 30 s"
}

status=0
timeout 45 node "$here/axe_check.mjs" --base "http://127.0.0.1:$port" --token "$token" --chromium "$chromium" ||
  status=$?
if ((status == 124)); then echo "run_axe_check: the browser check took longer than 45 s" >&2; fi
exit "$status"
