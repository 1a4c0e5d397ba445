#!/usr/bin/env bash
# Installs, from Debian 12 packages, whatever tierdesk needs to build, run, test and bench
# that is not on the machine yet. Idempotent: a second run installs nothing.
set -euo pipefail

packages=(
  cmake ninja-build g++ make pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libgmime-3.0-dev
  libfmt-dev libspdlog-dev libcli11-dev libhowardhinnant-date-dev tzdata
  libtomlplusplus-dev libexpected-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  libssl-dev openssl
  sqlite3 curl python3
  chromium  # tests/browser drives it (playwright-core never downloads a browser of its own)
  fonts-noto-cjk  # Korean in the browser tests' screenshots (Chromium has no CJK font of its own)
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

# Node.js and npm run the API linters (tools/openapi). Checked as commands, not packages: a
# nodejs from elsewhere (NodeSource) bundles npm and conflicts with Debian's npm package.
command -v node > /dev/null || missing+=(nodejs)
command -v npm > /dev/null || missing+=(npm)

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "tierdesk: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# Never install an unversioned libboost-*-dev: apt would remove 1.81 to make room.
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
