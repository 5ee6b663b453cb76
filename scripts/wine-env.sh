#!/usr/bin/env bash
# Prints `export` lines for WINEPREFIX, WINEDEBUG, DISPLAY, WINE64 and WINE_NODE (Wine's Windows
# Node 22 in this project's prefix, on a shared Xvfb display), provisioning what is missing:
#   eval "$(scripts/wine-env.sh)"
#   "$WINE64" "$WINE_NODE" src-main/cli/collect.ts --count 1 > snapshot.json   # to a file: Wine's Node can't write to a pipe
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$ROOT/scripts/bootstrap.sh" node "$ROOT/scripts/wine/wine-env.ts"
