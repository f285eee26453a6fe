#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (Node.js and npm for Azurite and the OpenAPI linters,
# redis-server for the clustering test, python3 with pycountry for Pabulib's validator), then runs every test of the solution.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# the tests run Debian's python3 when there is one (pycountry comes from its package)
python=/usr/bin/python3; [ -x "$python" ] || python=python3
"$python" -c "import pycountry" >/dev/null 2>&1 || missing+=(python3-pycountry)
# the browser tests drive Debian's Chromium (Playwright's own browser download is not used)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}..."
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

echo "Installing Azurite (Azure Storage emulator) for the storage tests..."
npm ci --prefix .ci/azurite --no-audit --no-fund --loglevel=error
echo "Installing Redocly's and Spectral's CLIs for the OpenAPI document's lint test..."
npm ci --prefix .ci/openapi-lint --no-audit --no-fund --loglevel=error

dotnet test Voting.sln -c Release "$@"
