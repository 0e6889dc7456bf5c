#!/usr/bin/env bash
# End-to-end tests inside real VS Code: packages the extension, installs the .vsix into a fresh
# code-server, opens a workspace holding copies of samples/ and test/e2e/fixtures/, and drives
# it with playwright-core in the Chromium `npm ci` brings (test/e2e/vscode.e2e.mjs).
#
#   bash test/e2e/run.sh
#
# Environment:
#   ARCHLINT_E2E_HOME   where code-server is installed (default ~/.cache/archlint-e2e)
#   ARCHLINT_E2E_VSIX   use this .vsix instead of running `npm run package`
#   ARCHLINT_E2E_ONLY   comma-separated test names to run (default: all)
#   ARCHLINT_E2E_KEEP=1 keep the temp folder (workspace, user data, logs) for a look afterwards
#   ARCHLINT_E2E_SCREENSHOT=1  refresh docs/images/editor.png (the README's screenshot)
#
# Exits non-zero when any test fails; screenshots and code-server's logs then land in
# test-results/e2e/ (timings.json and editor.png land there on every run). code-server always
# runs in its own process group and is always stopped. The last line printed is always
# `N passed, N failed`, for CI to read.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
E2E_HOME="${ARCHLINT_E2E_HOME:-${HOME:-/root}/.cache/archlint-e2e}"
RESULTS="$REPO/test-results/e2e"
STARTED=$(date +%s)

log() { printf '[e2e] %s\n' "$*"; }

# State the exit trap needs; a failure before the suite has run counts as one failed test.
TMP=""
CS_PID=""
STATUS=1
SUMMARY="0 passed, 1 failed"

cleanup() {
    # Always stop the whole process group, even when code-server itself has died: a plain
    # SIGTERM to code-server leaves extension hosts (and so the language server) behind.
    if [ -n "$CS_PID" ]; then
        kill -TERM -- "-$CS_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$CS_PID" 2>/dev/null || true
    fi
    if [ "$STATUS" != 0 ] && [ -n "$TMP" ]; then
        # Keep what explains a failure: code-server's own log and VS Code's logs (extension
        # host, the language client's output channel).
        cp "$TMP/code-server.log" "$RESULTS/" 2>/dev/null || true
        [ -d "$TMP/user-data/logs" ] && cp -r "$TMP/user-data/logs" "$RESULTS/vscode-logs" 2>/dev/null || true
        log "failure artefacts in test-results/e2e/"
    fi
    if [ -n "$TMP" ]; then
        if [ "${ARCHLINT_E2E_KEEP:-}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    fi
    log "e2e run time: $(( $(date +%s) - STARTED ))s"
    echo "$SUMMARY"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { log "FAILED: $*"; exit 1; }

bash "$REPO/test/e2e/setup.sh" || fail "test/e2e/setup.sh"

# A fresh results folder, so a screenshot from an earlier failure never passes for this run's.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# The .vsix exactly as users get it.
VSIX="${ARCHLINT_E2E_VSIX:-}"
if [ -z "$VSIX" ]; then
    log "packaging the extension (npm run package)"
    if ! (cd "$REPO" && timeout 600 npm run package >"$RESULTS/package.log" 2>&1); then
        tail -40 "$RESULTS/package.log" >&2
        fail "npm run package (full log: test-results/e2e/package.log)"
    fi
    VSIX="$REPO/archlint.vsix"
fi
[ -f "$VSIX" ] || fail "no .vsix at $VSIX"

# Everything code-server writes stays in one temp folder: user data, extensions, config, the
# workspace. XDG_* keep it out of the home folder too.
TMP="$(mktemp -d "${TMPDIR:-/tmp}/archlint-e2e.XXXXXX")"
UD="$TMP/user-data"; EXT="$TMP/extensions"; WS="$TMP/workspace"
export XDG_CONFIG_HOME="$TMP/xdg-config" XDG_DATA_HOME="$TMP/xdg-data" XDG_CACHE_HOME="$TMP/xdg-cache"
mkdir -p "$UD/User" "$EXT" "$WS" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
cp -r "$REPO/samples/." "$WS/"
cp -r "$REPO/test/e2e/fixtures/." "$WS/"

# No start page, trust prompt, telemetry or update checks; no word-based suggestions, so the
# completion test sees only what the language server offers.
cat >"$UD/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "editor.wordBasedSuggestions": "off",
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.minimap.enabled": false,
  "files.autoSave": "off",
  "git.enabled": false,
  "chat.disableAIFeatures": true
}
EOF

CODE_SERVER="$E2E_HOME/code-server/node_modules/.bin/code-server"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
cat >"$TMP/config.yaml" <<EOF
bind-addr: 127.0.0.1:$PORT
auth: none
cert: false
EOF
CS_ARGS=(--config "$TMP/config.yaml" --user-data-dir "$UD" --extensions-dir "$EXT")

log "installing $(basename "$VSIX") into a fresh extensions folder"
if ! timeout 180 "$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$VSIX" >"$TMP/install.log" 2>&1 \
    || ! grep -qi 'successfully installed' "$TMP/install.log"; then
    cat "$TMP/install.log" >&2
    fail "code-server --install-extension"
fi

# Job control gives the background job its own process group, whose id is its pid.
set -m
"$CODE_SERVER" "${CS_ARGS[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --log info "$WS" >"$TMP/code-server.log" 2>&1 &
CS_PID=$!
set +m

log "waiting for code-server on 127.0.0.1:$PORT"
for i in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    kill -0 "$CS_PID" 2>/dev/null || { cat "$TMP/code-server.log" >&2; fail "code-server exited"; }
    [ "$i" = 120 ] && { cat "$TMP/code-server.log" >&2; fail "code-server did not answer in 60 s"; }
    sleep 0.5
done

# The suite bounds each step itself; this outer limit only guards against a hang in Node.
# It writes its `N passed, N failed` to summary.txt; the exit trap prints it last.
set +e
E2E_URL="http://127.0.0.1:$PORT/" E2E_WORKSPACE="$WS" E2E_RESULTS="$RESULTS" E2E_REPO="$REPO" \
E2E_SUMMARY_FILE="$RESULTS/summary.txt" \
    timeout --kill-after=10 1500 node "$REPO/test/e2e/vscode.e2e.mjs"
STATUS=$?
set -e
[ "$STATUS" = 124 ] && log "FAILED: the suite ran past its 25-minute limit"
if [ -s "$RESULTS/summary.txt" ]; then
    SUMMARY="$(cat "$RESULTS/summary.txt")"
    # A suite that crashed after writing its counts must still fail the run.
    [ "$STATUS" != 0 ] && [[ "$SUMMARY" == *" 0 failed" ]] && SUMMARY="${SUMMARY% 0 failed} 1 failed"
fi
exit "$STATUS"
