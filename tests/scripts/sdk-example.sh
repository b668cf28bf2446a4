#!/usr/bin/env bash
# The installable SDK (docs/SDK.md): `cmake --install` of $BUILD_DIR (default build-ci) into a
# temporary prefix, examples/hello-plugin built out of tree against it with find_package(UcfSdk)
# (and its pkg-config file checked), then the mock host loads it: `mock-host inspect` prints its
# metadata, its route answers and its menu item shows for a logged-in user.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build="${BUILD_DIR:-$root/build-ci}"
work=$(mktemp -d)
host_pid=""
cleanup() {
  if [[ -n $host_pid ]]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cmake --install "$build" --prefix "$work/sdk" >/dev/null
test -f "$work/sdk/include/ucf/abi/ucf_plugin.h"
test -f "$work/sdk/lib/cmake/UcfSdk/UcfSdkConfig.cmake"

cmake -S examples/hello-plugin -B "$work/hello" -DCMAKE_PREFIX_PATH="$work/sdk" >/dev/null
cmake --build "$work/hello" >/dev/null
plugin="$work/hello/plugins/libhello_plugin.so"
nm -D --defined-only "$plugin" | awk '{print $NF}' | diff - <(echo ucf_plugin_entry)

# The pkg-config file names the same headers and the export map.
PKG_CONFIG_PATH="$work/sdk/share/pkgconfig" g++ -std=c++20 -shared -fPIC examples/hello-plugin/hello_plugin.cpp \
  $(PKG_CONFIG_PATH="$work/sdk/share/pkgconfig" pkg-config --cflags --libs ucf-sdk) -o "$work/hello-pc.so"

"$build/bin/mock-host" inspect "$plugin" | grep -q '^id: hello$'

"$build/bin/mock-host" --port 0 --dev --data-dir "$work/var" --plugins "$work/hello/plugins" >"$work/host.out" 2>"$work/host.err" &
host_pid=$!
for _ in $(seq 1 300); do
  grep -q '^listening on ' "$work/host.out" 2>/dev/null && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.err" >&2; exit 1; }
  sleep 0.1
done
H=$(sed -n 's/^listening on //p' "$work/host.out")
[[ -n $H ]] || { echo "sdk-example: the host did not start" >&2; cat "$work/host.err" >&2; exit 1; }

curl -sf "$H/api/hello/v1/greeting" | grep -q '"greeting":"你好，访客"'

captcha() { curl -sf "$H/api/auth/captcha"; }
C=$(captcha)
curl -sf -X POST "$H/api/auth/register" -H 'Content-Type: application/json' -d "{
  \"account\": \"hello01\", \"password\": \"abc12345\", \"accountType\": \"enterprise\",
  \"enterpriseName\": \"厦门某某汽车贸易有限公司\", \"uscc\": \"91350100M000100Y43\",
  \"contactName\": \"张三\", \"contactMobile\": \"13800138000\", \"contactEmail\": \"zhangsan@example.com\",
  \"captchaId\": \"$(jq -r .captchaId <<<"$C")\", \"captcha\": \"$(jq -r .answer <<<"$C")\"}" >/dev/null
C=$(captcha)
curl -sf -c "$work/jar" -X POST "$H/api/auth/login" -H 'Content-Type: application/json' -d "{
  \"account\": \"hello01\", \"password\": \"abc12345\",
  \"captchaId\": \"$(jq -r .captchaId <<<"$C")\", \"captcha\": \"$(jq -r .answer <<<"$C")\"}" >/dev/null
curl -sf -b "$work/jar" "$H/api/menu" | jq -e '[.. | objects | select(.id == "hello" and .label == "你好")] | length == 1' >/dev/null
curl -sf -b "$work/jar" "$H/api/hello/v1/greeting" | grep -q '"greeting":"你好，'
echo "sdk-example: the installed SDK built examples/hello-plugin, and the mock host served its route and menu item"
