# tests/lib.sh - helpers for the end-to-end scripts (sourced).
# Each check prints "ok - NAME" or "not ok - NAME" (with details); tests/run.sh counts them.
set -u
: "${SITREP_BIN:?SITREP_BIN must point at the sitrep binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export SITREP_DB="$T/test.db"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

sitrep() { "$SITREP_BIN" "$@"; }

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; }

# check NAME COMMAND...: the command must succeed
check() {
	name=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else not_ok "$name" "exit $?" "$(head -c 600 "$T/err")"; fi
}
# expect_status NAME STATUS COMMAND...: the command must exit with STATUS
expect_status() {
	name=$1; want=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else not_ok "$name" "exit $got, wanted $want" "$(head -c 600 "$T/err")"; fi
}
# contains NAME FILE TEXT: FILE must contain TEXT (fixed string)
contains() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "no '$3' in:" "$(head -c 800 "$2")"; fi
}
lacks() {
	if grep -qF -- "$3" "$2"; then not_ok "$1" "unexpected '$3' in:" "$(head -c 800 "$2")"; else ok "$1"; fi
}
# equals NAME GOT WANT
equals() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2'" "want '$3'"; fi
}
# sql QUERY: run a query on the test database (the sqlite3 shell)
sql() { sqlite3 "$SITREP_DB" "$1"; }
