#!/usr/bin/env bash
# Installs everything AegisMatrix needs to build, test and package, from Debian 12 packages.
# Idempotent: packages already installed are skipped, `apt-get update` runs at most once.
# Works as root or through sudo.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6svg6 qt6-qpa-plugins
    libqt6opengl6-dev                 # Qt6Charts' CMake config needs Qt6OpenGL; Debian 12's qt6-charts-dev omits it
    libtorch-dev libopenblas0-pthread   # libtorch on the reference BLAS trains ~5x slower
    libxgboost-dev xgboost            # xgboost's CMake config refers to its CLI binary
    libeigen3-dev nlohmann-json3-dev libspdlog-dev libsqlite3-dev
    xvfb xauth                        # a virtual display for running the GUI without one
    dpkg-dev file                     # cpack -G DEB (dpkg-shlibdeps)
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
"${as_root[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: done."
