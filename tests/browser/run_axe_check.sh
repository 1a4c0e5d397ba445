#!/usr/bin/env bash
# The accessibility check of the printable support statement, as ctest runs it:
#   tests/browser/run_axe_check.sh path/to/tierdesk
# Fills a fresh data directory with the demo, serves it on a loopback port, runs axe_check.mjs
# (Debian's chromium through playwright-core, axe-core injected) over every customer's statement
# in English and Korean, and stops the server. Anything missing is a failure with a message,
# never a skip.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
me=run_axe_check
tierdesk=${1:?usage: run_axe_check.sh path/to/tierdesk}
chromium=${TD_CHROMIUM:-/usr/bin/chromium}
# shellcheck source=SCRIPTDIR/serve_demo.sh
source "$here/serve_demo.sh"

need_browser_tools

demo_fill 0
token=$("$tierdesk" token create --data-dir "$work" --email admin@hanbit-cloud.example 2> "$work/token.log" | head -n 1)
[[ "$token" == tdk_* ]] || {
  cat "$work/token.log" >&2
  fail "no token for the demo admin"
}
demo_serve

status=0
timeout 45 node "$here/axe_check.mjs" --base "$base" --token "$token" --chromium "$chromium" ||
  status=$?
if ((status == 124)); then echo "run_axe_check: the browser check took longer than 45 s" >&2; fi
exit "$status"
