-- bench_load.lua: wrk script for bench_load.sh.  Rotates realistic /api/search requests
-- (words, phrases, OR, prefixes, filters, paging, facets) over the words that
-- gen_articles.py writes, and prints the figures bench_load.sh reads.
local queries = {
	"water", "amman", "drought+aqaba", "%22port+authority%22", "elections+OR+inflation",
	"wheat+-prices", "refug*", "title:floods", "energy+berlin&facets=true", "budget&offset=10",
	"heatwave+cairo", "%22central+bank%22+inflation", "tariffs&limit=20", "vaccines+tokyo",
	"railways+OR+ports&facets=true", "fisheries+lisbon", "strikes+negotiators",
	"haddad", "keller+talks", "water&source=Desert+Courier", "flood*+nairobi",
	"%22red+crescent%22", "investors+-tariffs", "lagos+OR+accra", "agreement+region",
}
local i = 0
local thread_id = 0
local threads = {}

function setup(thread)
	thread:set("tid", thread_id)
	thread_id = thread_id + 1
	table.insert(threads, thread)
end

function init(args)
	i = (tid or 0) * 7
end

function request()
	i = i + 1
	local q = queries[(i % #queries) + 1]
	return wrk.format("GET", "/api/search?q=" .. q)
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f "
		.. "p99_ms=%.2f max_ms=%.2f status_errors=%d socket_errors=%d\n",
		summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(90) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000, e.status,
		e.connect + e.read + e.write + e.timeout))
end
