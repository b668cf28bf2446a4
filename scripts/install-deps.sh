#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs, and only those that are missing.
# Idempotent: a second run installs nothing. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git curl ca-certificates openssl
  # libraries (Boost 1.81, not Debian's default 1.74, which has no Boost.JSON)
  libboost1.81-dev libboost-json1.81-dev libpoco-dev libssl-dev libpq-dev catch2
  # multi-instance tests
  postgresql
)
if [[ "${UCF_WITH_BROWSER:-0}" == 1 ]]; then
  # Chromium for the browser test and a CJK font for its screenshots. Node.js and npm only when
  # absent: NodeSource's nodejs bundles npm, and Debian's npm package cannot be installed beside it.
  packages+=(chromium fonts-wqy-microhei)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
if [[ "${UCF_WITH_FUZZ:-1}" == 1 ]]; then
  packages+=(clang libclang-rt-14-dev)
fi
if [[ "${UCF_WITH_BENCH:-0}" == 1 ]]; then
  packages+=(wrk)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
