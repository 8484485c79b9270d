#!/usr/bin/env bash
# End-to-end sync rate (issue 16): `kata sync` of a 10,000-event journal to a
# local Ralph, and `kata class report` over what a class of learners synced.
# Ralph runs through tests/lrs/ralph_lrs.py (its fs backend, appending; a class
# in production runs a database backend), so the LRS's share here is Ralph's
# fs backend. kata's own share is `sync --dry-run` (mapping and JSON) and the
# criterion bench `cargo bench --bench class`.
#
#   benches/class_sync.sh [EVENTS] [LEARNERS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000}
learners=${2:-10}
py=$(tests/lrs/ralph.sh)
cargo build --release --quiet --bin kata --example class_journal
kata=target/release/kata
work=$(mktemp -d)
exec 3> >("$py" tests/lrs/ralph_lrs.py "$work/lrs" > "$work/ready")
trap 'exec 3>&-; rm -rf "$work"' EXIT
until grep -q ready "$work/ready" 2>/dev/null; do sleep 0.2; done
port=$(awk '{print $2}' "$work/ready")
export KATA_LRS_USER=teacher KATA_LRS_PASSWORD=secret KATA_CONFIG="$work/config.toml"
url="http://127.0.0.1:$port/xAPI"

now() { date +%s.%N; }
mkdir -p "$work/ana"
target/release/examples/class_journal "$events" 1 > "$work/ana/journal.jsonl"
t0=$(now)
"$kata" --data-dir "$work/ana" sync --dry-run --as mailto:ana@example.org > "$work/dry.jsonl" 2>/dev/null
t1=$(now)
"$kata" --data-dir "$work/ana" sync --lrs "$url" 2> "$work/sync.err"
t2=$(now)
sent=$(wc -l < "$work/dry.jsonl")
awk -v n="$sent" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  printf "sync: %d statements in %.2f s end to end = %.0f statements/s; kata alone (dry run) %.3f s (%.1f%%)\n",
    n, c - b, n / (c - b), b - a, 100 * (b - a) / (c - b) }'

for i in $(seq 2 "$learners"); do
  mkdir -p "$work/l$i"
  target/release/examples/class_journal "$events" "$i" > "$work/l$i/journal.jsonl"
  "$kata" --data-dir "$work/l$i" sync --lrs "$url" --as "mailto:learner$i@example.org" 2>/dev/null
done
t3=$(now)
"$kata" class report --lrs "$url" --format json > "$work/report.json"
t4=$(now)
held=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["statements"])' "$work/report.json")
awk -v n="$held" -v a="$t3" -v b="$t4" 'BEGIN {
  printf "report: %d statements fetched and figured in %.2f s\n", n, b - a }'
