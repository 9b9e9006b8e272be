#!/usr/bin/env bash
# Builds the Debian packages (showroom-kiosk, showroom-content, sales-hub) with CPack in
# build-pkg/: the executables look for content, assets and shaders in /usr/share/showroom-kiosk.
# Also packs the same build as revision 0.1 (lower than 1) into build-pkg/packages-previous, the "previous build"
# that scripts/check-packages.sh upgrades from. Uses ccache when installed. No debug information: the
# packaged executables are stripped.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KIOSK_PACKAGE_BUILD_DIR:-build-pkg}
launcher=()
if command -v ccache > /dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=ON -DKIOSK_DEBUG_INFO=OFF "${launcher[@]}" \
  -DKIOSK_RUNTIME_DATA_DIR=/usr/share/showroom-kiosk -DCMAKE_INSTALL_PREFIX=/usr \
  "-DCMAKE_EXE_LINKER_FLAGS=-Wl,-z,relro -Wl,-z,now" > "$build.configure.log" \
  || { cat "$build.configure.log"; exit 1; }
# The packaged executables, and the watchdog probe the package check runs under systemd.
cmake --build "$build" -j"$(nproc)" --target kiosk kioskctl sales-hub watchdog_probe
rm -rf "$build/packages" "$build/packages-previous"
(cd "$build" && cpack -G DEB -D CPACK_DEBIAN_PACKAGE_RELEASE=0.1 -B "$PWD/packages-previous" > cpack-previous.log) \
  || { cat "$build/cpack-previous.log"; exit 1; }
(cd "$build" && cpack -G DEB > cpack.log) || { cat "$build/cpack.log"; exit 1; }
rm -rf "$build/packages/_CPack_Packages" "$build/packages-previous/_CPack_Packages"
ls -l "$build"/packages/*.deb "$build"/packages-previous/*.deb
