#!/bin/sh
# Replay each fuzz harness's seed corpus, then fuzz it briefly (FUZZ_SECONDS, default 20).
#   sh tests/fuzz/run.sh BUILD_DIR
set -eu
dir=${1:-build-fuzz}
secs=${FUZZ_SECONDS:-20}
cd "$(dirname "$0")/../.."
status=0
pass=0
fail=0
for bin in "$dir"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin" | sed 's/^fuzz_//')
	corpus=tests/fuzz/corpus/$name
	case $bin in *.d) continue ;; esac
	if [ ! -d "$corpus" ]; then
		echo "fuzz $name: no seed corpus at $corpus" >&2
		status=1
		fail=$((fail + 1))
		continue
	fi
	work=$(mktemp -d)
	cp "$corpus"/* "$work"/ 2>/dev/null || true
	echo "fuzz $name: replay $(ls "$corpus" | wc -l) seeds, then ${secs}s"
	if ! "$bin" -runs=0 "$corpus" >"$work.log" 2>&1; then
		tail -30 "$work.log"; status=1; fail=$((fail + 1)); rm -rf "$work" "$work.log"; continue
	fi
	if ! "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 "$work" >"$work.log" 2>&1; then
		tail -40 "$work.log"; status=1; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -rf "$work" "$work.log"
done
echo "fuzz: $pass passed, $fail failed"
exit $status
