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
me=run_e2e
tierdesk=${1:?usage: run_e2e.sh path/to/tierdesk path/to/web/dist [artifacts dir]}
web_root=${2:?usage: run_e2e.sh path/to/tierdesk path/to/web/dist [artifacts dir]}
artifacts=${3:-$PWD/browser_e2e}
chromium=${TD_CHROMIUM:-/usr/bin/chromium}
# shellcheck source=SCRIPTDIR/serve_demo.sh
source "$here/serve_demo.sh"

for page in signin.html portal.html console.html; do
  [[ -f "$web_root/$page" ]] || fail "no built front end at $web_root (no $page): run scripts/build-web.sh (make web)"
done
[[ -d "$web_root/assets" ]] || fail "no $web_root/assets: run scripts/build-web.sh (make web)"
need_browser_tools

echo "run_e2e: tierdesk demo --tickets 50 in $work" >&2
demo_fill 50
demo_serve --web-root "$web_root"
demo_wait_healthy
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
