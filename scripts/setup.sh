#!/usr/bin/env bash
# Installs every build and test dependency of minispl from Debian packages.
# Run as root (CI and the development machines are root); idempotent.
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev python3 time
      libyaml-cpp-dev nlohmann-json3-dev tao-pegtl-dev libfmt-dev doctest-dev
      libsimdjson-dev libpcre2-dev libcli11-dev zlib1g-dev libabsl-dev jq
      libgeoip-dev geoip-database libpugixml-dev libevtx-dev libbfio-dev
      libcurl4-openssl-dev libssl-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
