#!/usr/bin/env bash
# Packages the app with electron-builder and verifies what it built (scripts/release/verify-package.ts):
# the release build and the e2e build (inspect fuse on), each as an unpacked folder, then the Linux
# installers (AppImage, deb) of the release build.
#
# - With Electron's binary (node_modules/electron/dist): everything from the real binary. The
#   installers need tools electron-builder downloads (appimagetool, fpm); electron-builder runs
#   offline here (unshare --net), so they are built where those tools are cached and otherwise
#   reported skipped with the reason.
# - Without it: both builds from a stand-in binary that carries Electron's fuse wire
#   (stand-in-electron.ts), so the config, the archive, the unpacked native module and the fuse
#   flipping are still checked. No installer is ever made from the stand-in: installers are skipped.
#
# Usage: scripts/release/package.sh <results dir>   (writes package, installers or installers.skipped)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RESULTS=${1:?usage: package.sh <results dir>}
LOGS="$ROOT/test-results/package"
mkdir -p "$RESULTS" "$LOGS"
EXE=invision-scim-console
say() { printf '[package] %s\n' "$*"; }
# electron-builder runs without network: nothing leaves the machine during a test run, and the
# installers are built only where their tools are already in electron-builder's cache.
offline() { unshare --net -- "$@"; }

real_dist=""
if [ -f node_modules/electron/path.txt ] && [ -e "node_modules/electron/dist/$(cat node_modules/electron/path.txt)" ]; then
  real_dist="$ROOT/node_modules/electron/dist"
  dist="$real_dist"
  say "Electron: the real binary from node_modules/electron/dist"
else
  dist=$(mktemp -d)
  node_modules/.bin/tsx scripts/release/stand-in-electron.ts "$dist" >/dev/null
  say "Electron: binary not installed; packaging with a stand-in that carries its fuse wire (no installers from it)"
fi

ok=pass
rm -rf dist/release dist/e2e
for flavor in release e2e; do
  if SCIM_CONSOLE_FLAVOR=$flavor SCIM_CONSOLE_ELECTRON_DIST="$dist" offline node_modules/.bin/electron-builder \
    --linux dir --config electron-builder.config.ts --publish never >"$LOGS/$flavor.log" 2>&1; then
    node_modules/.bin/tsx scripts/release/verify-package.ts "dist/$flavor/linux-unpacked" "$EXE" "$flavor" || ok=fail
  else
    tail -20 "$LOGS/$flavor.log"
    say "electron-builder failed for the $flavor build (log: $LOGS/$flavor.log)"
    ok=fail
  fi
done
echo "$ok" >"$RESULTS/package"
[ -z "$real_dist" ] && rm -rf "$dist"

if [ -z "$real_dist" ]; then
  echo "Linux installers (AppImage, deb) need Electron's real binary, which is not installed (its download host is unreachable here)" >"$RESULTS/installers.skipped"
elif [ "$ok" != pass ]; then
  echo fail >"$RESULTS/installers"
else
  say "Linux installers (AppImage, deb) from the verified release build"
  if offline node_modules/.bin/electron-builder --linux AppImage deb --prepackaged "dist/release/linux-unpacked" \
    --config electron-builder.config.ts --publish never >"$LOGS/installers.log" 2>&1; then
    ls -1 dist/release/*.AppImage dist/release/*.deb 2>/dev/null | sed 's/^/[package]   /'
    echo pass >"$RESULTS/installers"
  elif grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo|cannot download|download' "$LOGS/installers.log"; then
    echo "electron-builder needs to download its installer tools (appimagetool, fpm), and the test command runs it offline: $(grep -m1 -iE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo|download' "$LOGS/installers.log" | cut -c1-160)" >"$RESULTS/installers.skipped"
  else
    tail -20 "$LOGS/installers.log"
    echo fail >"$RESULTS/installers"
  fi
fi
[ -f "$RESULTS/installers.skipped" ] && say "installers: skipped ($(cat "$RESULTS/installers.skipped"))"
exit 0
