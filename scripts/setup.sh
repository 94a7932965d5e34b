#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: LibreOffice (the formula referee of the tests) and the npm
# dependencies exactly as locked. Runs before `npm test`, `npm run demo` and `npm run bench`; quick when
# everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    echo "setup: installing LibreOffice (libreoffice-calc-nogui)…" >&2
    { $sudo apt-get update -qq &&
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc-nogui >&2; } ||
      echo "setup: could not install LibreOffice; the recalculation test is skipped here (and fails on CI)." >&2
  else
    echo "setup: no apt-get; install LibreOffice (soffice) for the recalculation test." >&2
  fi
fi

# Reinstall when package-lock.json changed since the last install.
stamp=node_modules/.setup-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_hash" ]]; then
  echo "setup: npm ci…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" >"$stamp"
fi
