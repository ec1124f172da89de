#!/usr/bin/env bash
# Times ./course watch: save -> verdict, for one session-02 exercise, over N edits (default 10); prints each and
# the median. The edit appends a comment line to the learner's file and is undone at the end.
# Usage: tools/bench-watch.sh [edits] [session] [exercise-class-path]
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-10}
session=${2:-02}
file=${3:-session02-basics/src/exercise/java/dev/kafkacourse/session02/GroupLag.java}
out=$(mktemp)
backup=$(mktemp)
cp "$file" "$backup"
./course watch "$session" > "$out" 2>&1 &
watcher=$!
cleanup() { kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; cp "$backup" "$file"; rm -f "$backup"; }
trap cleanup EXIT
verdicts() { grep -c '^  ([0-9.]* s)$' "$out" || true; }
wait_for() {   # wait until there are $1 verdicts (at most 120 s)
  for _ in $(seq 1 1200); do [ "$(verdicts)" -ge "$1" ] && return 0; sleep 0.1; done
  echo "no verdict after 120 s; output:" >&2; cat "$out" >&2; exit 1
}
wait_for 1
echo "watch is up (first verdict after start-up); timing $edits saves of $file"
times=()
for i in $(seq 1 "$edits"); do
  before=$(verdicts)
  start=$(date +%s%N)
  echo "// bench edit $i" >> "$file"
  wait_for $((before + 1))
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "  save $i -> verdict: $ms ms"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median save -> verdict: ${sorted[$(( ${#sorted[@]} / 2 ))]} ms over $edits saves (min ${sorted[0]}, max ${sorted[-1]})"
