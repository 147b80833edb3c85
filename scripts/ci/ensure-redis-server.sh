#!/usr/bin/env bash
# Makes `redis-server` available for the fleet tests (a real Redis on a loopback port).
# No npm package ships the binary, so it is Debian's package, installed only when missing
# and only where apt-get can run (as root). Used by .ci/run and by the tests' own setup, so
# `npm test` right after `npm ci` works the same way CI does.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is not installed and apt-get is not available: install Redis (redis-server on PATH) to run the fleet tests" >&2
  exit 1
fi
if [ "$(id -u)" != "0" ]; then
  echo "redis-server is not installed and installing it needs root: run 'apt-get install redis-server' as root" >&2
  exit 1
fi
# policy-rc.d exit 101 keeps the package's init script from starting a system-wide server on
# port 6379: the tests start their own, on a free loopback port.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
status=0
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } || status=$?
if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
if [ "$status" != 0 ] || ! command -v redis-server >/dev/null 2>&1; then
  echo "could not install redis-server with apt-get (exit $status)" >&2
  exit 1
fi
