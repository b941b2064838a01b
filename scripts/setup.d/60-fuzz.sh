#!/usr/bin/env bash
# Fuzzing (issue 14) needs clang's libFuzzer runtime, libclang_rt.fuzzer-x86_64.a, which `swift build
# -Xswiftc -sanitize=fuzzer` links. Swift's Linux toolchains ship it in their clang resource directory; when this one
# does not, take Debian's (libclang-rt-14-dev) and link it where swiftc looks. Idempotent and instant when present.
set -euo pipefail

swift_bin=$(dirname "$(readlink -f "$(command -v swiftc)")")
toolchain=$(dirname "$(dirname "$swift_bin")")
resource=$(ls -d "$toolchain"/usr/lib/clang/*/lib/linux 2>/dev/null | head -1 || true)
[ -n "$resource" ] || resource=$(ls -d "$toolchain"/lib/clang/*/lib/linux 2>/dev/null | head -1 || true)
arch=$(uname -m)
if [ -n "$resource" ] && [ -f "$resource/libclang_rt.fuzzer-$arch.a" ]; then
  exit 0
fi

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
if ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-"$arch".a >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libclang-rt-14-dev
fi
debian=$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-"$arch".a | head -1)
if [ -z "$resource" ]; then
  version=$(ls "$toolchain"/usr/lib/clang 2>/dev/null | head -1)
  resource="$toolchain/usr/lib/clang/${version:-current}/lib/linux"
fi
$sudo mkdir -p "$resource"
for lib in fuzzer fuzzer_no_main; do
  $sudo ln -sf "$(dirname "$debian")/libclang_rt.$lib-$arch.a" "$resource/libclang_rt.$lib-$arch.a"
done
echo "libFuzzer runtime linked from $(dirname "$debian") into $resource"
