# shellcheck shell=bash disable=SC2154  # me, tierdesk, chromium: set by the sourcing script
# What run_e2e.sh and run_axe_check.sh share, sourced by both after they set `me` (the prefix of
# their messages), `tierdesk` (the server binary) and `chromium`:
#   fail MESSAGE...            print "<me>: MESSAGE" and exit 1
#   need_browser_tools         the binary, Chromium and the pinned packages (npm ci on first use)
#   demo_fill TICKETS          `tierdesk demo --tickets TICKETS` in a fresh data directory ($work)
#   demo_serve [OPTIONS...]    `tierdesk serve` on it on a free loopback port (more OPTIONS, e.g.
#                              --web-root): sets $port and $base once the server said where
#   demo_wait_healthy          wait until $base/healthz answers 200
# The server is stopped and $work removed on any exit. Anything missing is a failure with a
# message, never a skip.

browser_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
  echo "$me: $*" >&2
  exit 1
}

need_browser_tools() {
  [[ -x "$tierdesk" ]] || fail "no tierdesk binary at $tierdesk"
  [[ -x "$chromium" ]] || fail "no Chromium at $chromium; run scripts/install-deps.sh (Debian's chromium)"
  # playwright-core and axe-core exactly as package-lock.json pins them (no install scripts, so
  # no browser download is ever attempted).
  "$browser_dir/../../scripts/npm-ci.sh" "$browser_dir" "$me"
}

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

demo_fill() {
  "$tierdesk" demo --data-dir "$work" --tickets "$1" > "$work/demo.log" 2>&1 || {
    cat "$work/demo.log" >&2
    fail "tierdesk demo failed"
  }
}

# shellcheck disable=SC2120  # the options are optional
demo_serve() {
  : > "$work/serve.log" # exists before the server starts: the loop below reads it at once
  "$tierdesk" serve --data-dir "$work" --listen 127.0.0.1:0 "$@" > "$work/serve.log" 2>&1 &
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
}

demo_wait_healthy() {
  local healthy=
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
}
