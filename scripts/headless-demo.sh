#!/usr/bin/env bash
# Runs the DEMO pipeline without a display: what `aegis-setup run` does when no window can open.
# Usage: headless-demo.sh /path/to/aegis [--data-dir DIR]
set -euo pipefail
aegis="$1"; shift
"$aegis" "$@" version
echo "headless-demo: the DEMO pipeline commands (demo, train, export) arrive with the data and engines issues;"
echo "headless-demo: until then this build provides: $("$aegis" --help | sed -n '/^Commands:/,/^$/p' | tail -n +2 | awk '{print $1}' | xargs)"
