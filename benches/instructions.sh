#!/usr/bin/env bash
# Instructions one idle frame of a page costs, counted by valgrind (which, unlike
# time, does not vary from run to run): the frame bench run with 200 and with 400
# frames of the page, the difference divided by 200, so that the network's setup is
# taken out. At 100k exchanges by default (EXCHANGES=1000000 for 1M; valgrind is slow).
# A filter runs every row whose name holds it: "network" counts both map pages.
#   benches/instructions.sh "contact list" dashboard
set -euo pipefail
command -v valgrind > /dev/null || { echo "needs valgrind" >&2; exit 1; }
bench=$(cargo bench --bench frames --no-run --message-format=json 2> /dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "frames":
        print(m["executable"])')
count() {
  RAPPORT_BENCH_EXCHANGES=${EXCHANGES:-100000} RAPPORT_BENCH_FRAMES=$1 RAPPORT_BENCH_EDIT_TRIES=1 \
    RAPPORT_BENCH_SWITCH_TRIES=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bench" "$2" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
}
for page in "$@"; do
  a=$(count 200 "$page")
  b=$(count 400 "$page")
  echo "$page: $(((b - a) / 200)) instructions a frame"
done
