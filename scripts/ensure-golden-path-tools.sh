#!/usr/bin/env bash
# The golden-path tests run the generated projects: the Python service with Debian's
# python3 packages (no PyPI), the static site with nginx and mtail, the deploy gate's
# script under BusyBox (as in alpine and curlimages/curl) and the GitOps manifests
# through kubectl's built-in kustomize (package kubectl: Google's or Kubernetes' apt
# repository; Debian's own kubernetes-client is too old). Installs the packages when one
# is missing and we are root; otherwise says what to do. The
# packages' own services are not needed and are kept from starting.
set -euo pipefail
packages=(python3 python3-pytest python3-fastapi python3-uvicorn python3-httpx
  python3-prometheus-client nginx mtail busybox)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done
command -v kubectl >/dev/null || missing+=(kubectl)
[ "${#missing[@]}" = 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-golden-path-tools: installing ${missing[*]}" >&2
  apt-get update -qq
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
else
  echo "ensure-golden-path-tools: missing ${missing[*]}; install them" \
    "(sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
