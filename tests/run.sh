#!/bin/sh
# The one test runner: unit tests (cmocka), data-driven cases, end-to-end scripts, and the
# dashboard in a browser (skipped, with a line saying so, without chromium, node or
# tests/browser/node_modules: see docs/DASHBOARD.md).
#   SITREP_BIN=path/to/sitrep UNIT_DIR=build/tests sh tests/run.sh [unit|cases|e2e|browser]...
# Ends with the summary line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
: "${SITREP_BIN:=$PWD/sitrep}"
: "${UNIT_DIR:=$PWD/build/tests}"
export SITREP_BIN
parts="${*:-unit cases e2e browser}"
pass=0
fail=0
failed_names=""
out=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-test.XXXXXX")
trap 'rm -rf "$out"' EXIT

note_fail() { fail=$((fail + 1)); failed_names="$failed_names
  $1"; }

for part in $parts; do
	case $part in
	unit)
		echo "== unit tests"
		for t in "$UNIT_DIR"/test_*; do
			[ -x "$t" ] || continue
			name=$(basename "$t")
			log="$out/$name.log"
			CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
			rc=$?
			p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
			f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
			p=${p:-0}; f=${f:-0}
			if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
			pass=$((pass + p))
			if [ "$f" -gt 0 ]; then
				fail=$((fail + f))
				failed_names="$failed_names
  $name (exit $rc)"
				echo "FAIL $name: $p passed, $f failed"
				grep -E "FAILED|ERROR|error|Assert|Sanitizer" "$log" | head -20 | sed 's/^/     /'
			else
				echo "ok   $name: $p passed"
			fi
		done
		;;
	cases)
		echo "== data-driven cases (tests/cases)"
		for exp in tests/cases/*/*.expected.json; do
			[ -e "$exp" ] || continue
			if python3 tests/check_case.py "$exp" >"$out/case.log" 2>&1; then
				pass=$((pass + 1))
			else
				note_fail "$exp"
				echo "FAIL $exp"
				sed 's/^/     /' "$out/case.log" | head -20
			fi
		done
		echo "     $(ls tests/cases/*/*.expected.json 2>/dev/null | wc -l) cases run"
		;;
	e2e)
		echo "== end-to-end (tests/e2e)"
		for t in tests/e2e/t*.sh; do
			[ -e "$t" ] || continue
			log="$out/$(basename "$t").log"
			sh "$t" >"$log" 2>&1
			rc=$?
			p=$(grep -c '^ok ' "$log")
			f=$(grep -c '^not ok ' "$log")
			pass=$((pass + p))
			if [ "$f" -gt 0 ] || [ $rc -ne 0 ]; then
				[ "$f" -eq 0 ] && f=1
				fail=$((fail + f))
				failed_names="$failed_names
  $t"
				echo "FAIL $t: $p passed, $f failed (exit $rc)"
				grep -v '^ok ' "$log" | tail -25 | sed 's/^/     /'
			else
				echo "ok   $t: $p passed"
			fi
		done
		;;
	browser)
		echo "== browser (tests/browser)"
		chromium=${CHROMIUM:-/usr/bin/chromium}
		if [ ! -x "$chromium" ] || ! command -v node >/dev/null 2>&1; then
			echo "skip browser tests: no $chromium or no node (apt-get install chromium nodejs npm)"
		elif [ ! -d tests/browser/node_modules/playwright-core ]; then
			echo "skip browser tests: no playwright-core (run: cd tests/browser && npm ci)"
		else
			log="$out/browser.log"
			(cd tests/browser && CHROMIUM="$chromium" node --test --test-reporter=tap \
				dashboard.test.mjs) >"$log" 2>&1
			rc=$?
			p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
			f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
			p=${p:-0}; f=${f:-0}
			if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
			pass=$((pass + p))
			if [ "$f" -gt 0 ]; then
				fail=$((fail + f))
				failed_names="$failed_names
  tests/browser/dashboard.test.mjs"
				echo "FAIL tests/browser/dashboard.test.mjs: $p passed, $f failed (exit $rc)"
				grep -E "^not ok|error:|Error|expected|actual|no console" "$log" | head -30 | sed 's/^/     /'
			else
				echo "ok   tests/browser/dashboard.test.mjs: $p passed (screenshots in tests/browser/out/)"
			fi
		fi
		;;
	*)
		echo "unknown part: $part" >&2
		exit 2
		;;
	esac
done

if [ $fail -gt 0 ]; then
	echo
	echo "failed:$failed_names"
fi
echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
