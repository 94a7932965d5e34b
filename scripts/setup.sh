#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: LibreOffice (the formula referee of the tests), xmllint (the
# add-in manifest's schema check), Chromium (the task pane's end-to-end tests) and the npm dependencies
# exactly as locked. Runs before `npm test`, `npm run demo` and `npm run bench`; quick when
# everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need from the system, by the command that proves it is there → its Debian package.
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui) # the formula referee
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)           # the manifest's schema check
[[ -x /usr/bin/chromium ]] || missing+=(chromium)                        # the pane's end-to-end tests

if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    echo "setup: installing ${missing[*]}…" >&2
    { $sudo apt-get update -qq &&
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >&2; } ||
      echo "setup: could not install ${missing[*]}; the tests that need them are skipped here (and fail on CI)." >&2
  else
    echo "setup: no apt-get; install ${missing[*]} for the tests that need them." >&2
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
