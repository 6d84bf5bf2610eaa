#!/usr/bin/env bash
# Installs Debian's Chromium for the browser check, and a Korean font (fonts-nanum) so that Chromium draws the
# Hangul in the site's SVG diagrams instead of empty boxes; does nothing for what is already there.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi nanum || missing+=(fonts-nanum)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Missing Debian packages (${missing[*]}) and this user cannot apt-get install them." >&2; exit 1; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null); Korean font: $(fc-list | grep -ci nanum) NanumGothic files"
