#!/usr/bin/env bash
# Runs the DEMO pipeline without a display: what `aegis-setup run` does when no window can open.
# Usage: headless-demo.sh /path/to/aegis [--data-dir DIR]
set -euo pipefail
aegis="$1"; shift
data_args=("$@")
if [ ${#data_args[@]} -eq 0 ]; then
    data_args=(--data-dir "${XDG_DATA_HOME:-$HOME/.local/share}/AegisMatrix/aegismatrix")
fi
data_dir="${data_args[1]}"

echo "headless-demo: generating the DEMO market (synthetic data, clearly labelled as such) in $data_dir"
"$aegis" "${data_args[@]}" demo
echo "headless-demo: training every engine (walk-forward evaluated, calibrated)"
"$aegis" "${data_args[@]}" train
"$aegis" "${data_args[@]}" export --symbol NIFTY --out "$data_dir/exports/aegismatrix.json"
"$aegis" "${data_args[@]}" export --all --out-dir "$data_dir/exports/reports"
echo
echo "headless-demo: done. Output:"
echo "  NIFTY report:        $data_dir/exports/aegismatrix.json"
echo "  every ticker:        $data_dir/exports/reports/ (index.json lists them)"
echo "  model generations:   $data_dir/models/"
echo "  log:                 $data_dir/logs/aegis.log"
echo "  try: $aegis ${data_args[*]} predict RELIANCE"
