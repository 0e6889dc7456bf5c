#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the project's package.json:
#   - ripgrep and libkrb5-dev (code-server's native modules build against it) from Debian;
#   - code-server 4.100.3 (the newest that runs on Node 20; it bundles VS Code 1.100.3).
# The browser and playwright-core come from the repo's own `npm ci` (test/support/chromium.mjs).
# Idempotent: each step is skipped when its result is already there, so a warm run costs ~1 s.
# See shared/design/vscode-e2e.md for why each step looks the way it does.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
E2E_HOME="${ARCHLINT_E2E_HOME:-${HOME:-/root}/.cache/archlint-e2e}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"

log() { printf '[e2e setup] %s\n' "$*"; }

# Debian packages: install only the missing ones, and refresh the lists only when needed.
missing=()
for pkg in libkrb5-dev ripgrep; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    # A mirror hiccup should not fail CI: three tries, each bounded.
    for try in 1 2 3; do
        if timeout 300 $SUDO apt-get update -qq \
            && DEBIAN_FRONTEND=noninteractive timeout 600 $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
            break
        fi
        [ "$try" = 3 ] && { log "apt-get install ${missing[*]} failed"; exit 1; }
        log "apt-get failed; retrying in 10 s"
        sleep 10
    done
fi

# code-server depends on @vscode/ripgrep, whose postinstall downloads rg from GitHub (unreachable
# here). It first looks in this cache folder, so seed it with Debian's rg under the expected name.
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RG_TARBALL="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TARBALL" ]; then
    log "pre-seeding the ripgrep cache with $(command -v rg)"
    mkdir -p "$RG_CACHE"
    tar czf "$RG_TARBALL" -C "$(dirname "$(command -v rg)")" rg
fi

# code-server, in its own folder so the project's dependencies never see it.
CS_DIR="$E2E_HOME/code-server"
installed_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }
if [ "$(installed_version "$CS_DIR/node_modules/code-server")" != "$CODE_SERVER_VERSION" ] \
    || [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
    log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about 2 minutes cold)"
    rm -rf "$CS_DIR"
    mkdir -p "$CS_DIR"
    echo '{"name":"archlint-e2e-code-server","private":true}' >"$CS_DIR/package.json"
    # Root needs unsafe_perm (node-pty's postinstall runs npx); yes avoids npx's prompt with no TTY.
    # A bounded wait: a registry that stops answering must not eat CI's whole 90 minutes.
    (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
        timeout 900 npm install --save-exact --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
    [ "$(installed_version "$CS_DIR/node_modules/code-server")" = "$CODE_SERVER_VERSION" ] \
        || { log "code-server did not install"; exit 1; }
fi

[ -f "$REPO/node_modules/@sparticuz/chromium/package.json" ] || { log "run npm ci first: the browser comes from the repo's dependencies"; exit 1; }
log "ready: code-server $CODE_SERVER_VERSION in $CS_DIR"
