#!/bin/sh
# A real SIGKILL in the middle of a large ingest leaves a consistent database, and running
# the same command again completes it with no duplicates.
. "$(dirname "$0")/../lib.sh"

N=12000
mkdir -p "$T/big"
awk -v dir="$T/big" -v n=$N 'BEGIN {
	split("Amman Aqaba Irbid Zarqa Madaba Jerash Karak Salt Mafraq Tafilah", city, " ");
	split("water energy trade security health transport tourism farming schools housing", topic, " ");
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/d%02d/doc%05d.txt", dir, i % 20, i);
		if (i <= 20) system("mkdir -p " dir "/d" sprintf("%02d", i % 20));
		c = city[i % 10 + 1]; t = topic[int(i / 10) % 10 + 1];
		printf "Report %d on %s in %s\n\n", i, t, c > f;
		for (p = 0; p < 4; p++)
			printf "Paragraph %d of report %d: officials in %s discussed %s plans, budgets and timelines with residents and local councils at length.\n\n", p, i, c, t > f;
		close(f);
	}
}'
equals "fixture files written" "$(find "$T/big" -type f | wc -l | tr -d ' ')" $N

"$SITREP_BIN" ingest --no-progress --batch 200 "$T/big" >"$T/run1.out" 2>"$T/run1.err" &
pid=$!
# wait until some batches are committed, then kill -9 in the middle
i=0
while [ $i -lt 600 ]; do
	c=$(sqlite3 "$SITREP_DB" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
	[ "${c:-0}" -ge 1000 ] && break
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
got=$(sqlite3 "$SITREP_DB" 'SELECT count(*) FROM articles')
if [ "$got" -gt 0 ] && [ "$got" -lt $N ]; then ok "killed part-way ($got of $N stored)"; else
	not_ok "killed part-way" "stored $got of $N: the kill did not land mid-ingest"; fi
equals "integrity after SIGKILL" "$(sql 'PRAGMA integrity_check')" ok
equals "documents and articles agree after SIGKILL" \
	"$(sql 'SELECT count(*) FROM documents')" "$(sql 'SELECT count(*) FROM articles')"
check "database and FTS index check out after SIGKILL" sitrep check

check "re-run completes" sitrep ingest --no-progress "$T/big"
equals "all stored after re-run" "$(sql 'SELECT count(*) FROM articles')" $N
equals "no duplicate documents" "$(sql 'SELECT count(DISTINCT uri) FROM documents')" $N
contains "re-run skipped what was stored" "$T/out" "unchanged $got,"
check "search after recovery" sitrep search '"report 11999"' --json
contains "last document searchable" "$T/out" '"total":1'

# Ctrl-C (SIGINT): the ingest stops cleanly, says so, commits what it has, exits 130
export SITREP_DB="$T/int.db"
"$SITREP_BIN" ingest --no-progress --batch 200 "$T/big" >"$T/run2.out" 2>"$T/run2.err" &
pid=$!
i=0
while [ $i -lt 600 ]; do
	c=$(sqlite3 "$SITREP_DB" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
	[ "${c:-0}" -ge 1000 ] && break
	sleep 0.05
	i=$((i + 1))
done
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
equals "SIGINT exit status" "$rc" 130
contains "SIGINT says how to finish" "$T/run2.err" "run the same command again to finish"
contains "SIGINT still prints the summary" "$T/run2.out" "ingested "
got=$(sql 'SELECT count(*) FROM articles')
if [ "$got" -gt 0 ] && [ "$got" -lt $N ]; then ok "interrupted part-way ($got of $N stored)"; else
	not_ok "interrupted part-way" "stored $got of $N"; fi
check "database sound after SIGINT" sitrep check
check "re-run after SIGINT completes" sitrep ingest --no-progress "$T/big"
equals "all stored after SIGINT and re-run" "$(sql 'SELECT count(*) FROM articles')" $N
