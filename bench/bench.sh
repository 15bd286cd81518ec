#!/bin/sh
# bench.sh - `make bench`: run every speed benchmark in bench/ (bench_*.sh), one after another.
# Each one skips itself (exit 0, "skip: ...") when the data it needs is absent; see
# bench/README.md.  Exit status: 1 when any benchmark failed, else 0.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
rc=0
for b in "$ROOT"/bench/bench_*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || rc=1
done
exit $rc
