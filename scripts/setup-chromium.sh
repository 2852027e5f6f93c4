#!/usr/bin/env bash
# Installs the browser the end-to-end test drives (test/e2e): Debian's own Chromium at
# /usr/bin/chromium, never a browser downloaded by playwright, and a colour emoji font so
# the screenshots show the apps' emoji. Does nothing when both are there. Needs root (CI
# runs as root); elsewhere it says what to run instead.
set -euo pipefail
EMOJI_FONT=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
if [ -x /usr/bin/chromium ] && [ -f "$EMOJI_FONT" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-chromium: install the browser test's Chromium with: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-color-emoji" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "setup-chromium: /usr/bin/chromium is missing and this system has no apt-get; install Chromium there by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium fonts-noto-color-emoji
test -x /usr/bin/chromium
