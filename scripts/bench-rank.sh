#!/usr/bin/env bash
# Times `voting-audit rank` on PROJECTS projects of random tallies (7 grades, static:0) against a plain Python
# sort of the same profiles by majority value (scripts/bench-rank-sort.py), checks both give the same order,
# and prints rank's time net of start-up (rank on a 1-project input) as a share of Python's.
# Usage: scripts/bench-rank.sh [PROJECTS] [RUNS]   (times are medians of RUNS runs; output goes to /dev/null)
set -euo pipefail
cd "$(dirname "$0")/.."
projects=${1:-100000}
runs=${2:-5}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet build src/Voting.Audit -c Release -nologo -v quiet >/dev/null
audit=src/Voting.Audit/bin/Release/net10.0/voting-audit.dll
python3 scripts/bench-rank-input.py "$projects" > "$dir/tallies.json"
python3 scripts/bench-rank-input.py 1 > "$dir/one.json"

# The median wall time in seconds of RUNS runs of a command, to the millisecond.
median() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | sort -n | awk '{ t[NR] = $1 } END { printf "%.3f\n", t[int((NR + 1) / 2)] / 1000 }'
}

dotnet "$audit" rank "$dir/tallies.json" \
  | python3 -c 'import json, sys; print("\n".join(p["id"] for p in json.load(sys.stdin)["ranking"]))' > "$dir/rank.txt"
python3 scripts/bench-rank-sort.py "$dir/tallies.json" > "$dir/python.txt"
cmp -s "$dir/rank.txt" "$dir/python.txt" || { echo "rank and the Python sort disagree on the order" >&2; exit 1; }

startup=$(median dotnet "$audit" rank "$dir/one.json")
rank=$(median dotnet "$audit" rank "$dir/tallies.json")
python=$(median python3 scripts/bench-rank-sort.py "$dir/tallies.json")
awk -v p="$projects" -v s="$startup" -v r="$rank" -v py="$python" 'BEGIN {
  printf "%d projects: rank %.3f s, start-up %.3f s, Python sort %.3f s\n", p, r, s, py
  printf "(rank - start-up) / Python = %.3f\n", (r - s) / py
}'
