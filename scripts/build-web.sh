#!/usr/bin/env bash
# Builds the web front end (web/: the sign-in pages, the portal and the console) into web/dist,
# which `tierdesk serve` serves: npm ci from the committed lock when needed, type-check, Vite,
# precompressed copies and the bundle budgets (web/scripts/post-build.mjs fails the build when a
# face's JavaScript is over its budget). With --test it also runs the UI logic's tests (Vitest),
# the catalogue test among them. Works with Debian 12's nodejs 18.19 and with Node 20.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/npm-ci.sh" "$root/web" web
cd "$root/web"
if [[ "${1:-}" == "--test" ]]; then
  echo "web: vitest" >&2
  npm test --silent
fi
echo "web: build (node $(node --version))" >&2
npm run build --silent
