#!/usr/bin/env bash
# Installs the offline VS Code host for the e2e tests: code-server (= VS Code's own Node extension
# host and workbench) in its own cache folder, plus the Debian packages it needs. Idempotent: a
# second run only checks and prints the paths. Needs nothing but Debian's apt mirror and the npm
# registry. Prints `CAL_E2E_CODE_SERVER=<path>` as its last line.
set -euo pipefail

CACHE="${CAL_E2E_CACHE:-$HOME/.cache/cluster-auth-lint-e2e}"
# 4.100.3 ships VS Code 1.100.3: the last code-server whose postinstall accepts Node 20.
CS_VERSION=4.100.3
CS_DIR="$CACHE/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
STAMP="$CS_DIR/.installed"
# chromium: shows the workbench (driven by playwright-core); libkrb5-dev: gssapi.h for the
# `kerberos` native module; ripgrep: replaces the rg binary @vscode/ripgrep would fetch from GitHub;
# the rest builds code-server's native modules (node-pty, spdlog, ...).
APT_PACKAGES=(chromium libkrb5-dev ripgrep build-essential python3)

log() { echo "[e2e:install] $*" >&2; }

missing_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

mkdir -p "$CACHE"
exec 9>"$CACHE/.install.lock"
flock 9 # two test runs at once must not build into the same folder

mapfile -t MISSING < <(missing_packages)
if [ "${#MISSING[@]}" -gt 0 ]; then
  log "installing Debian packages: ${MISSING[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null
fi

if [ ! -f "$STAMP" ] || [ ! -x "$CS_BIN" ]; then
  log "installing code-server $CS_VERSION into $CS_DIR (a few minutes the first time)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds the release asset in
  # <os.tmpdir()>/vscode-ripgrep-cache-<version>/; seed that with Debian's rg. Versions are the
  # ones pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json.
  export TMPDIR="$CS_DIR/tmp"
  rg_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache" "$TMPDIR/rg-seed"
  cp "$(command -v rg)" "$TMPDIR/rg-seed/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg-seed" rg
  echo '{"name":"cal-e2e-code-server","private":true}' > "$CS_DIR/package.json"
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which `yes=false` would cancel.
  # npm_config_nodedir: build native modules against the local Node headers (no download).
  (cd "$CS_DIR" && npm_config_yes=true npm_config_nodedir="${npm_config_nodedir:-/usr}" \
    npm install --no-audit --no-fund --no-save --unsafe-perm --loglevel=error "code-server@$CS_VERSION" >&2)
  test -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  rm -rf "$TMPDIR"
  XDG_CONFIG_HOME="$CS_DIR/.xdg" XDG_DATA_HOME="$CS_DIR/.xdg" "$CS_BIN" --version >&2
  rm -rf "$CS_DIR/.xdg"
  date -u +%FT%TZ > "$STAMP"
fi

echo "CAL_E2E_CODE_SERVER=$CS_BIN"
