#!/usr/bin/env bash
# Installs the AegisMatrix .deb system-wide, checks what it put where, runs the product from the package
# alone in a temporary HOME (aegis demo, train, export, run-scheduled; the desktop app's --version
# offscreen), then removes the package and checks it is gone. Not part of ctest because it installs
# system-wide; see docs/OPERATIONS.md.
#
# Usage (as root, from anywhere):  tests/packaging/package_smoke.sh build-dir/aegismatrix_0.1.0_amd64.deb
# Exit code 0 when every check passed; the first failing check is named on stderr.
set -euo pipefail

deb=${1:?usage: package_smoke.sh PATH/TO/aegismatrix_VERSION_amd64.deb}
deb=$(realpath "$deb")
[[ $(id -u) == 0 ]] || { echo "package_smoke: must run as root (dpkg -i / dpkg -r)" >&2; exit 2; }
if dpkg-query -W -f='${Status}' aegismatrix 2>/dev/null | grep -q 'install ok installed'; then
    echo "package_smoke: aegismatrix is already installed; remove it first (this test must not replace it)" >&2
    exit 2
fi

work=$(mktemp -d /tmp/aegis-package-smoke.XXXXXX)
installed=0
cleanup() {
    if [[ $installed == 1 ]]; then dpkg -r aegismatrix >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "package_smoke: FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "package contents"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/aegis ./usr/bin/aegismatrix \
            ./usr/share/applications/in.aegismatrix.Workstation.desktop \
            ./usr/share/metainfo/in.aegismatrix.Workstation.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/in.aegismatrix.Workstation.svg \
            ./usr/lib/systemd/user/aegis-refresh.service ./usr/lib/systemd/user/aegis-refresh.timer \
            ./usr/lib/systemd/user/aegis-retrain.service ./usr/lib/systemd/user/aegis-retrain.timer \
            ./usr/share/man/man1/aegis.1.gz ./usr/share/man/man1/aegismatrix.1.gz \
            ./usr/share/doc/aegismatrix/copyright ./usr/share/doc/aegismatrix/changelog.gz; do
    grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done

step "dpkg -i"
dpkg -i "$deb" || fail "dpkg -i (missing dependencies? apt-get -f install pulls them)"
installed=1
for binary in /usr/bin/aegis /usr/bin/aegismatrix; do
    [[ -x $binary ]] || fail "$binary not installed"
    if ldd "$binary" | grep -q 'not found'; then fail "$binary has unresolved libraries: $(ldd "$binary" | grep 'not found')"; fi
done
if [[ -f /usr/share/man/man1/aegis.1.gz ]]; then
    zcat /usr/share/man/man1/aegis.1.gz | grep -q '^\.SH EXIT STATUS' || fail "the man page has no EXIT STATUS section"
fi

# Everything below runs from the installed files only: a clean environment, a fresh HOME, a working
# directory outside any build tree.
home="$work/home"
mkdir -p "$home"
cd "$home"
run() { env -i HOME="$home" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"; }
data="$home/.local/share/AegisMatrix/aegismatrix"

step "aegis --version"
run aegis --version | grep -q '^aegis ' || fail "aegis --version"

step "aegismatrix --version (offscreen)"
run aegismatrix --version >/dev/null || fail "aegismatrix --version"

step "aegis demo"
run aegis demo || fail "aegis demo"
[[ -s $data/store/market.sqlite ]] || fail "no store at $data/store/market.sqlite"

step "aegis train"
run aegis train || fail "aegis train"
[[ -s $data/models/CURRENT ]] || fail "no current model generation after aegis train"

step "aegis export"
run aegis export || fail "aegis export"
grep -q '"data_source"' "$data/exports/aegismatrix.json" || fail "aegismatrix.json lacks meta.data_source"

step "aegis export --all"
run aegis export --all || fail "aegis export --all"
[[ -s $data/exports/reports/index.json ]] || fail "no index.json after export --all"

step "aegis run-scheduled (refresh due: never refreshed)"
now=2026-11-23T10:00:00+05:30  # a Monday session
out=$(run aegis run-scheduled --now "$now" --export-dir "$work/scheduled") || fail "aegis run-scheduled"
echo "$out"
[[ -s $work/scheduled/aegismatrix.json && -s $work/scheduled/reports/index.json ]] || fail "run-scheduled wrote no export"

step "aegis run-scheduled again at once (nothing due)"
out=$(run aegis run-scheduled --now "$now" --export-dir "$work/scheduled") || fail "second aegis run-scheduled"
echo "$out"
[[ $out == "nothing due"* ]] || fail "a second run at the same instant should have had nothing to do"

step "aegis with a wrong option exits 2"
set +e
run aegis run-scheduled --retrain-time 25:00 >/dev/null 2>&1
code=$?
set -e
[[ $code == 2 ]] || fail "usage error exited $code, not 2"

step "dpkg -r"
cd /
dpkg -r aegismatrix || fail "dpkg -r"
installed=0
for path in /usr/bin/aegis /usr/bin/aegismatrix /usr/lib/systemd/user/aegis-refresh.timer \
            /usr/share/applications/in.aegismatrix.Workstation.desktop; do
    [[ ! -e $path ]] || fail "$path is still there after dpkg -r"
done

echo "package_smoke: all checks passed"
