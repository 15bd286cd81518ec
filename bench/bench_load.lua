-- bench_load.lua: wrk script for bench_load.sh.  Rotates realistic /api/search requests over
-- the words of the synthetic store, and prints the figures bench_load.sh reads (RESULT line).
-- the queries: the file named after "--" on wrk's command line (gen_articles.py writes it:
-- words, names, places, phrases, OR, prefixes, title:, exclusions, facets, filters, paging),
-- or a few fixed ones
local queries = {"q=water", "q=Amman", "q=%22World+Bank%22", "q=refugees+Cairo&facets=true"}
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
	local f = args[1] and io.open(args[1], "r")
	if f then
		local list = {}
		for line in f:lines() do
			if #line > 0 then
				table.insert(list, line)
			end
		end
		f:close()
		if #list > 0 then
			queries = list
		end
	end
end

function request()
	i = i + 1
	local q = queries[(i % #queries) + 1]
	return wrk.format("GET", "/api/search?" .. q)
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
