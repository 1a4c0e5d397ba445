#!/usr/bin/env bash
# Installs a Node project's packages exactly as its committed package-lock.json pins them:
# `npm ci` when node_modules is missing or the lock (or package.json) changed since the last
# install, nothing otherwise. No install scripts (so no browser download is ever attempted), no
# audit, fund or update checks: only the registry is needed, and only during the install.
# Usage: scripts/npm-ci.sh DIR LABEL   (LABEL prefixes the messages, e.g. "web")
set -euo pipefail
dir=${1:?usage: npm-ci.sh DIR LABEL}
label=${2:-npm-ci}
for tool in node npm; do
  if ! command -v "$tool" > /dev/null; then
    echo "$label: $tool is missing; run scripts/install-deps.sh (make deps)" >&2
    exit 1
  fi
done
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
  NO_UPDATE_NOTIFIER=1 DO_NOT_TRACK=1
cd "$dir"
stamp=node_modules/.tierdesk-lock.sha256
lock_sum=$({ sha256sum package-lock.json package.json; node --version; } | sha256sum | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "$label: npm ci in $dir" >&2
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error > /dev/null ||
    { echo "$label: npm ci in $dir failed (the npm registry is needed once)" >&2; exit 1; }
  echo "$lock_sum" > "$stamp"
fi
