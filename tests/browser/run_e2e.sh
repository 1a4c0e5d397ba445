#!/usr/bin/env bash
# The end-to-end browser test of the web faces, as ctest runs it:
#   tests/browser/run_e2e.sh path/to/tierdesk path/to/web/dist [artifacts dir]
# Builds nothing: takes the server binary and the built front end (scripts/build-web.sh makes
# web/dist). Fills a fresh data directory with the demo (50 tickets), serves it with the web root
# on a free loopback port, runs e2e.mjs (Debian's chromium through playwright-core), and stops the
# server on any exit. Screenshots go to <artifacts>/screenshots, failure screenshots to
# <artifacts>/failures (default artifacts dir: ./browser_e2e). Anything missing is a failure with
# a message, never a skip.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tierdesk=${1:?usage: run_e2e.sh path/to/tierdesk path/to/web/dist [artifacts dir]}
web_root=${2:?usage: run_e2e.sh path/to/tierdesk path/to/web/dist [artifacts dir]}
artifacts=${3:-$PWD/browser_e2e}
chromium=${TD_CHROMIUM:-/usr/bin/chromium}

fail() {
  echo "run_e2e: $*" >&2
  exit 1
}
[[ -x "$tierdesk" ]] || fail "no tierdesk binary at $tierdesk"
for page in signin.html portal.html console.html; do
  [[ -f "$web_root/$page" ]] || fail "no built front end at $web_root (no $page): run scripts/build-web.sh (make web)"
done
[[ -d "$web_root/assets" ]] || fail "no $web_root/assets: run scripts/build-web.sh (make web)"
[[ -x "$chromium" ]] || fail "no Chromium at $chromium; run scripts/install-deps.sh (Debian's chromium)"

# playwright-core and axe-core exactly as package-lock.json pins them (no install scripts, so no
# browser download is ever attempted).
"$here/../../scripts/npm-ci.sh" "$here" run_e2e

work=$(mktemp -d)
server=
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  if [[ -n "$server" ]]; then
    kill "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export TIERDESK_PASSWORD_HASH=minimum TIERDESK_ACCESS_LOG=false
echo "run_e2e: tierdesk demo --tickets 50 in $work" >&2
"$tierdesk" demo --data-dir "$work" --tickets 50 > "$work/demo.log" 2>&1 || {
  cat "$work/demo.log" >&2
  fail "tierdesk demo failed"
}

"$tierdesk" serve --data-dir "$work" --listen 127.0.0.1:0 --web-root "$web_root" > "$work/serve.log" 2>&1 &
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
base="http://127.0.0.1:$port"
healthy=
for _ in $(seq 1 100); do
  if node --no-warnings -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "$base/healthz"; then
    healthy=1
    break
  fi
  sleep 0.2
done
[[ -n "$healthy" ]] || {
  cat "$work/serve.log" >&2
  fail "$base/healthz did not answer 200 within 20 s"
}
echo "run_e2e: serving $web_root on $base" >&2

rm -rf "$artifacts/screenshots" "$artifacts/failures"
mkdir -p "$artifacts"
status=0
timeout 300 node "$here/e2e.mjs" --base "$base" --artifacts "$artifacts" --chromium "$chromium" || status=$?
if ((status == 124)); then echo "run_e2e: the browser test took longer than 300 s" >&2; fi
if ((status != 0)); then
  echo "run_e2e: the server's log (last 40 lines):" >&2
  tail -n 40 "$work/serve.log" >&2
fi
exit "$status"
