#!/usr/bin/env bash
# The SLO integration tests run a real Prometheus (plugins/slo-backend-module-prometheus):
# they backfill known series with promtool and serve them on loopback. Installs Debian's
# `prometheus` package (which ships prometheus and promtool) when it is missing and we are
# root; otherwise says what to do. The package's own service is not needed and is stopped.
set -euo pipefail
prometheus="${PROMETHEUS_BIN:-/usr/bin/prometheus}"
promtool="${PROMTOOL_BIN:-/usr/bin/promtool}"
[ -x "$prometheus" ] && [ -x "$promtool" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-prometheus: installing Debian's prometheus package" >&2
  apt-get update -qq
  # policy-rc.d keeps the package from starting its own server on :9090.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
  [ -x "$prometheus" ] && [ -x "$promtool" ] && exit 0
  echo "ensure-prometheus: the package did not provide $prometheus and $promtool" >&2
  exit 1
else
  echo "ensure-prometheus: $prometheus or $promtool not found. Install them" \
    "(sudo apt-get install prometheus) or set PROMETHEUS_BIN and PROMTOOL_BIN." >&2
  exit 1
fi
