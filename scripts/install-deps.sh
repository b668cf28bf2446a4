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
  # the ABI proof host (tests/scripts/proof-host.sh): clang++ with libc++
  clang libc++-dev libc++abi-dev
)
# npm installs the pages' third-party browser code that the build embeds (mock-host/vendor,
# plugin/vendor).
# Node.js and npm only when absent: NodeSource's nodejs bundles npm, and Debian's npm package
# cannot be installed beside it.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [[ "${UCF_WITH_BROWSER:-0}" == 1 ]]; then
  # Chromium for the browser test and a CJK font for its screenshots.
  packages+=(chromium fonts-wqy-microhei)
fi
if [[ "${UCF_WITH_FUZZ:-1}" == 1 ]]; then
  packages+=(clang libclang-rt-14-dev)
fi
if [[ "${UCF_WITH_TIDY:-0}" == 1 ]]; then
  packages+=(clang-tidy)  # scripts/clang-tidy.sh
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
else
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# sm-crypto (SM2 signing for the soft e-key) from its lock file, when missing or older than it.
vendor="$(dirname "$0")/../mock-host/vendor"
if [[ ! -f $vendor/node_modules/sm-crypto/dist/sm2.js || $vendor/package-lock.json -nt $vendor/node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci in mock-host/vendor"
  npm ci --prefix "$vendor" --no-audit --no-fund --loglevel=error
fi

# ECharts (the plugin's 统计 page) from its lock file, when missing or older than it.
plugin_vendor="$(dirname "$0")/../plugin/vendor"
if [[ ! -f $plugin_vendor/node_modules/echarts/dist/echarts.common.min.js ||
      $plugin_vendor/package-lock.json -nt $plugin_vendor/node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci in plugin/vendor"
  npm ci --prefix "$plugin_vendor" --no-audit --no-fund --loglevel=error
fi
