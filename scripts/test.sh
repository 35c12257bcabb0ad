#!/usr/bin/env bash
# One command: every test (unit, API, live HTTP, builds, browser journeys). CI runs this through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# Browser tests drive Debian's Chromium; without a CJK font Chinese renders as boxes.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wqy'; then
  echo "› installing chromium and fonts-wqy-microhei (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
# The BFF suite runs on PostgreSQL 15 too: Debian's server package (test.ts starts a throwaway cluster).
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "› installing postgresql (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
exec pnpm exec tsx scripts/test.ts "$@"
