#!/usr/bin/env bash
# Lints docs/openapi.json with Redocly CLI (recommended rules, .redocly.yaml) and Spectral
# (spectral:oas, .spectral.yaml), from the versions pinned in package-lock.json. Installs them
# with `npm ci` when node_modules is missing or the lock changed. Exits non-zero on any error
# from either tool; warnings are printed and do not fail. Usage: lint.sh [document]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
document=$(realpath "${1:-$here/../../docs/openapi.json}")
cd "$here"

for tool in node npm; do
  if ! command -v "$tool" > /dev/null; then
    echo "lint-api: $tool is missing; run scripts/install-deps.sh (make deps)" >&2
    exit 1
  fi
done

# No telemetry, update checks or install scripts: the run must not depend on anything but the
# registry during `npm ci`, and nothing at all afterwards.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false \
  DO_NOT_TRACK=1 NO_UPDATE_NOTIFIER=1 npm_config_update_notifier=false npm_config_fund=false \
  npm_config_audit=false

stamp=node_modules/.tierdesk-lock.sha256
lock_sum=$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "lint-api: npm ci in tools/openapi" >&2
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error > /dev/null
  echo "$lock_sum" > "$stamp"
fi

status=0
echo "lint-api: redocly lint (recommended) $document"
node_modules/.bin/redocly lint --config .redocly.yaml --format=stylish "$document" || status=1
echo "lint-api: spectral lint (spectral:oas) $document"
node_modules/.bin/spectral lint --ruleset .spectral.yaml --format=text --fail-severity=error \
  "$document" || status=1
if ((status != 0)); then echo "lint-api: docs/openapi.json has errors (see above)" >&2; fi
exit "$status"
