#!/usr/bin/env bash
# Set-up shared by start.sh and test.sh: a fresh machine needs only Node 20 and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm@$PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi
# better-sqlite3 compiles from source here; node-gyp must use the local Node headers, not download them.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
echo "› pnpm install"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE '^\.\.\./.*(gyp info|make|CC|CXX|SOLINK|COPY|TOUCH|ACTION)' || true
test -d node_modules/.pnpm || { echo "pnpm install failed" >&2; exit 1; }
