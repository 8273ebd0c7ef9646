#!/usr/bin/env bash
# System packages for running the editor window under Xvfb (CI, fresh
# machines): a virtual X server, Mesa's software OpenGL, and ImageMagick for
# checking screenshots. Safe to run again: apt-get skips what is installed.
set -euo pipefail

packages=(xvfb xauth xdotool imagemagick
  libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 libx11-6 libx11-xcb1
  libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0 libvulkan1 mesa-vulkan-drivers)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "install-system-packages: run as root or install sudo" >&2
    exit 1
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-packages: all ${#packages[@]} packages are installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
