#!/usr/bin/env bash
# One command: install what is missing, build the front ends if needed, start sandbox + BFF with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec pnpm exec tsx scripts/start.ts "$@"
