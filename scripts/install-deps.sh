#!/usr/bin/env bash
# Installs every Debian 12 package the project builds, runs and tests with. Nothing else is
# fetched: the build uses only these packages.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ccache
  # core; the zone database (markets name IANA time zones, read from /usr/share/zoneinfo)
  nlohmann-json3-dev tzdata
  # kiosk: window, GL, UI, fonts, images
  libglfw3-dev libepoxy-dev libgl-dev libimgui-dev libstb-dev fonts-noto-cjk libgooglepinyin0-dev
  # 3D models
  libassimp-dev
  # store, sync and hub; the hub's TLS tests make a private CA with the openssl command, and run
  # the hub behind a real nginx (packaging/hub/nginx-sales-hub.conf)
  libsqlite3-dev libsodium-dev libcpp-httplib-dev libssl-dev openssl nginx
  # hub on PostgreSQL (client library, and the server the tests start), ADF DTD checks in tests
  libpq-dev postgresql libxml2-utils
  # quote document
  libcairo2-dev libqrencode-dev
  # tests: Catch2 2.x, a virtual X server with Mesa's software OpenGL
  catch2 xvfb xauth libgl1-mesa-dri mesa-utils
  # scripts/compare-kiosk-replays.sh: state dumps compared as normalised JSON
  jq
  # the demand-insight HTML report and the share link's phone page are rendered in a headless
  # browser in tests; the summary's QR code is decoded from a kiosk screenshot (zbarimg, libzbar)
  chromium zbar-tools libzbar-dev
  # Debian packages: building (dpkg-shlibdeps, fakeroot), checking (lintian, systemd-analyze,
  # curl), and what the kiosk package depends on (cage, Xwayland) so that dpkg -i succeeds
  dpkg-dev fakeroot lintian systemd curl cage xwayland
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
