#!/usr/bin/env bash
# What `npm run bench` needs beyond the project's own dependencies: Debian's python3-psutil (a peer
# to measure against), gcc (to build the C floor), procps (ps) and strace (system calls per tick). Installed when missing and
# running as root on Debian; otherwise the bench says which peer it had to leave out.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import psutil' 2>/dev/null || need+=(python3-psutil)
command -v gcc >/dev/null || need+=(gcc libc6-dev)
command -v ps >/dev/null || need+=(procps)
command -v strace >/dev/null || need+=(strace)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench-setup: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >&2 ||
      echo "bench-setup: could not install ${need[*]}; those peers will be left out" >&2
  else
    echo "bench-setup: missing ${need[*]} (install them to compare with every peer)" >&2
  fi
fi
