#!/bin/bash
# install-deps.sh — installs the Debian 12 packages microcam needs to build, run and test, only the
# missing ones. Works as root, or as a normal user through sudo.
set -euo pipefail

packages=(
  # build
  gcc meson ninja-build pkg-config
  # cam/: GLib/GIO, JSON data files, polygon offsetting and booleans
  libglib2.0-dev libjson-glib-dev libgeos-dev
  # render/ + app/: GTK 4, OpenGL loader, matrix maths
  libgtk-4-dev libepoxy-dev libcglm-dev
  # tests: unit tests, fuzzing (clang's libFuzzer), a display for GUI tests, outside judges
  libcmocka-dev clang libclang-rt-14-dev
  xvfb xauth libgl1-mesa-dri dbus dbus-x11 imagemagick desktop-file-utils xdotool
  linuxcnc-uspace openscad
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
