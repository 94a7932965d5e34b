#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: installs the npm dependencies exactly as locked.
# Runs before `npm test` and `npm run bench`; quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Reinstall when package-lock.json changed since the last install.
stamp=node_modules/.setup-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_hash" ]]; then
  echo "setup: npm ci…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" >"$stamp"
fi
