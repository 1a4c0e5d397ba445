#!/usr/bin/env bash
# Lints docs/openapi.json with Redocly CLI (recommended rules, .redocly.yaml) and Spectral
# (spectral:oas, .spectral.yaml), from the versions pinned in package-lock.json. Installs them
# with `npm ci` when node_modules is missing or the lock changed. Exits non-zero on any error
# from either tool; warnings are printed and do not fail. Usage: lint.sh [document]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
document=$(realpath "${1:-$here/../../docs/openapi.json}")
cd "$here"

# No telemetry, update checks or install scripts: the run must not depend on anything but the
# registry during `npm ci`, and nothing at all afterwards.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false
"$here/../../scripts/npm-ci.sh" "$here" lint-api

status=0
echo "lint-api: redocly lint (recommended) $document"
node_modules/.bin/redocly lint --config .redocly.yaml --format=stylish "$document" || status=1
echo "lint-api: spectral lint (spectral:oas) $document"
node_modules/.bin/spectral lint --ruleset .spectral.yaml --format=text --fail-severity=error \
  "$document" || status=1
if ((status != 0)); then echo "lint-api: docs/openapi.json has errors (see above)" >&2; fi
exit "$status"
