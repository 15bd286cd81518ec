/*
 * main.c - the command table and dispatch.
 *
 * The table below is the single source of the commands: dispatch, `sitrep --help`,
 * `sitrep help CMD` and `sitrep CMD --help` all read it.
 */
#include "cli.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const sr_command commands[] = {
	{"init", cmd_init, "create an empty database (or bring its schema up to date)",
	 "usage: sitrep init [--db PATH]\n"
	 "\n"
	 "Create the database file (default ./sitrep.db, or $SITREP_DB) with the current schema,\n"
	 "or migrate an existing one.  Other commands that write create it as needed.\n"},
	{"ingest", cmd_ingest, "extract and store documents from files, archives, JSON lines or stdin",
	 "usage: sitrep ingest [options] PATH... | -\n"
	 "\n"
	 "Read each input (directories recursively, '-' for standard input) and store what it\n"
	 "holds, with its raw bytes:\n"
	 "  - a page or a text, HTML or plain, gzip-compressed or not (recognised by content);\n"
	 "  - a web archive, WARC 1.0/1.1 or ARC, plain or gzip (recognised by content): every\n"
	 "    response, resource and conversion record with an http(s) URL and a text or HTML\n"
	 "    body is a document under its URL; broken records are named and skipped;\n"
	 "  - JSON lines (*.jsonl, *.ndjson, or --format jsonl): one object per line with \"url\"\n"
	 "    and \"html\" or \"text\", and optional \"title\", \"published\", \"authors\",\n"
	 "    \"lang\", \"source\", which override what extraction finds.\n"
	 "Each article is extracted, its people, organisations, places and quotes recognised, and\n"
	 "it is placed in a story.  The same document twice is stored once (a URL is normalised\n"
	 "first); changed content updates it.  An interrupted ingest can be re-run: it completes\n"
	 "what is missing, with no duplicates, and an archive resumes after its last committed\n"
	 "record.\n"
	 "\n"
	 "options:\n"
	 "  --format F               auto (default), html, text, warc or jsonl\n"
	 "  --url URL                the URL of the single document given (a file or '-')\n"
	 "  --host HOST              archives and JSON lines: only documents of this host\n"
	 "  --since WHEN, --until WHEN  archives and JSON lines: only captures / publications in\n"
	 "                           this time (2026-11-20, or a span back from now: 24h, 7d)\n"
	 "  --lang CODE              keep only articles in this language (en, ar, ...)\n"
	 "  --max-size SIZE          skip inputs (and records) larger than SIZE (default 50M)\n"
	 "  --batch N                commit every N documents (default 500)\n"
	 "  --jobs N                 extract on N threads (default: one per CPU)\n"
	 "  --no-progress            no progress bar, even on a terminal\n"
	 "  --json                   print the summary as JSON\n"
	 "\n"
	 "Exit status: 0 all stored, 3 some inputs failed (each is named on stderr), 1 failure.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep ingest data/sample\n"
	 "  sitrep ingest --host example.org --since 2026-11-01 crawl-00001.warc.gz\n"
	 "  sitrep ingest export.jsonl\n"
	 "  curl -s https://example.org/news | sitrep ingest --url https://example.org/news -\n"},
	{"extract", cmd_extract, "extract articles from files to JSON lines (no database)",
	 "usage: sitrep extract [options] FILE... | -\n"
	 "\n"
	 "Print one JSON object per input on standard output: url, title, authors, published,\n"
	 "modified, section, tags, description, canonical_url, site_name, lang, image, text.\n"
	 "A pure filter: usable as a Hadoop Streaming or Spark pipe() step.\n"
	 "\n"
	 "options:\n"
	 "  --format auto|html|text  how to read the inputs (default: auto, by content)\n"
	 "  --url URL                the page's URL (for a single input)\n"
	 "  --text                   print the body text only (inputs separated by a blank line)\n"
	 "  --max-size SIZE          skip inputs larger than SIZE (default 50M)\n"
	 "\n"
	 "examples:\n"
	 "  sitrep extract page.html\n"
	 "  sitrep extract --text --url https://example.org/a page.html.gz\n"},
	{"search", cmd_search, "search the stored articles",
	 "usage: sitrep search [options] QUERY...\n"
	 "\n"
	 "Ranked results (BM25, title weighted above body) with highlighted snippets.\n"
	 "\n"
	 "query language:\n"
	 "  words            all must appear (AND is implied); matching ignores case and\n"
	 "                   diacritics and uses the stem (\"talks\" finds \"talking\")\n"
	 "  \"a phrase\"       the words in this order\n"
	 "  a OR b, a AND b  boolean operators (upper case), with ( parentheses )\n"
	 "  -word, NOT word  exclude\n"
	 "  jord*            prefix\n"
	 "  a NEAR/5 b       at most 5 words between a and b, either order, in one field\n"
	 "                   (NEAR alone: 10; operands are words, prefixes or \"phrases\";\n"
	 "                   a NEAR/5 b NEAR/5 c keeps all three within the distance)\n"
	 "  title:word       in the title only (also body:)\n"
	 "  filters          narrow the whole query, at its top level:\n"
	 "                   source:NAME (site name or host), lang:CODE, story:ID, tag:NAME,\n"
	 "                   person:NAME, org:NAME, place:NAME (recognised entities),\n"
	 "                   since:WHEN and until:WHEN (2026-11-20, or a span back from now:\n"
	 "                   30m, 24h, 7d, 2w); a query of filters only lists the newest\n"
	 "                   matching articles first\n"
	 "\n"
	 "options:\n"
	 "  --limit N        at most N results (default 10)\n"
	 "  --offset N       skip the first N results\n"
	 "  --json           JSON output: {query, total, hits: [{id, score, title, url, ...,\n"
	 "                   snippet, highlights: [[start, end], ...]}]}\n"
	 "  --facets         count the matches by source, language, day, person,\n"
	 "                   organisation and place (20 values each; \"facets\" in --json,\n"
	 "                   the same object as the API's facets=true)\n"
	 "\n"
	 "examples:\n"
	 "  sitrep search nato amman\n"
	 "  sitrep search '\"liaison office\" -russia' --limit 5 --json\n"
	 "  sitrep search 'water source:\"Levant Wire\" since:7d'\n"
	 "  sitrep search 'story:12'\n"
	 "  sitrep search '\"water ministry\" NEAR/5 pipeline' --facets\n"},
	{"show", cmd_show, "show one stored article",
	 "usage: sitrep show [--json | --raw] ID\n"
	 "\n"
	 "Print the article with this id (as given by search): its metadata and text, or with\n"
	 "--json every stored field, or with --raw the original bytes as they were ingested.\n"},
	{"stats", cmd_stats, "counts of what the database holds",
	 "usage: sitrep stats [--json]\n"
	 "\n"
	 "Documents, articles, bytes, languages, sites and the range of publication dates.\n"},
	{"stories", cmd_stories, "the stories: copies of one event from many outlets, folded",
	 "usage: sitrep stories [--since SPAN|DATE] [--limit N] [--min-size N] [--json]\n"
	 "\n"
	 "List stories, most recently active first: each with its label (its most central\n"
	 "headline), first and last seen, number of articles and outlets.  Articles are\n"
	 "clustered into stories as they are ingested; copies of one text (exact or near\n"
	 "duplicates, or the same canonical URL) follow their original.\n"
	 "\n"
	 "options:\n"
	 "  --since SPAN|DATE  only stories active since then: 24h, 7d, 2w, or 2026-11-20\n"
	 "  --limit N          at most N stories (default 50)\n"
	 "  --min-size N       only stories of at least N articles\n"
	 "  --json             JSON: {total, stories: [{id, label, label_id, first_seen, last_seen,\n"
	 "                     size, outlets, people, organisations, places: [{id, name,\n"
	 "                     articles}], articles: [{id, title, url, outlet, published,\n"
	 "                     dup_of}]}]}\n"
	 "\n"
	 "examples:\n"
	 "  sitrep stories --since 24h\n"
	 "  sitrep stories --min-size 3 --json\n"},
	{"story", cmd_story, "one story and all its articles",
	 "usage: sitrep story [--json] ID\n"
	 "\n"
	 "Print the story with this id (as `sitrep stories` gives it) and every article in it,\n"
	 "oldest first, copies marked.\n"},
	{"entities", cmd_entities, "the most mentioned people, organisations and places",
	 "usage: sitrep entities [--type person|org|place|misc] [--since SPAN|DATE] [--limit N] [--json]\n"
	 "\n"
	 "List the entities recognised in the stored articles (English articles; the tagger is\n"
	 "docs/NER.md), ranked by the number of articles that mention them in the period.\n"
	 "Mentions of one name in an article are linked (\"Stoltenberg\" after \"Jens\n"
	 "Stoltenberg\", \"NATO\" and \"North Atlantic Treaty Organization\"), and the same name\n"
	 "across articles is one entity.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep entities --type person --since 7d\n"
	 "  sitrep entities --type place --json\n"},
	{"entity", cmd_entity, "one entity: mentions over time, who it appears with, latest articles",
	 "usage: sitrep entity [--json] NAME|ID\n"
	 "\n"
	 "Show an entity found by its name (case and accents do not matter; a surname finds the\n"
	 "one person known by it) or its id: articles per day, the entities it appears with\n"
	 "most, and its latest articles.\n"
	 "\n"
	 "example:\n"
	 "  sitrep entity Hala Masri\n"},
	{"quotes", cmd_quotes, "who said what: direct quotes with their speakers",
	 "usage: sitrep quotes [--speaker NAME] [--since SPAN|DATE] [--limit N] [--json] [WORDS...]\n"
	 "\n"
	 "List the direct quotes found in the stored articles, newest first, with their speakers\n"
	 "(docs/QUOTES.md tells how quotes are found and attributed).  WORDS search the quotes'\n"
	 "text with the query language's words, phrases and operators.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep quotes --speaker Stoltenberg\n"
	 "  sitrep quotes water prices --since 7d\n"},
	{"check", cmd_check, "verify the database and its full-text index",
	 "usage: sitrep check\n"
	 "\n"
	 "Run SQLite's integrity check, check the full-text index against the stored articles and\n"
	 "that every article has its document.  Prints \"ok\" and exits 0 when all is sound; else\n"
	 "names each problem and exits 1.\n"},
	{"serve", cmd_serve, "serve the HTTP JSON API (and the dashboard), on loopback by default",
	 "usage: sitrep serve [--listen HOST:PORT] [--public] [--token TOKEN] [--poll] [options]\n"
	 "\n"
	 "Serve the JSON API under /api (health, stats, search, articles, stories, entities,\n"
	 "places, watchlists, alerts, sources, trends, ingest; described at /api/openapi.json and\n"
	 "in docs/API.md) and the dashboard at /.  Prints the URL it listens on.  The\n"
	 "watchlists' webhooks are delivered in the background (retries, dead letters; never\n"
	 "in the way of a request or an ingest).  With --poll the sources (sitrep source add)\n"
	 "are polled as `sitrep poll` does, in the background, and what they bring is stored\n"
	 "through the server's writer.  Ctrl-C or SIGTERM stops it once the requests in flight\n"
	 "are answered.\n"
	 "\n"
	 "options:\n"
	 "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; [::1]:PORT for IPv6;\n"
	 "                      port 0 picks a free port)\n"
	 "  --public            allow an address other than loopback, so other machines can\n"
	 "                      connect (refused without it; set a token and put TLS in front)\n"
	 "  --token TOKEN       allow writes (ingest; adding and removing watchlists and\n"
	 "                      sources) with the header Authorization: Bearer TOKEN\n"
	 "                      (default: $SITREP_TOKEN, better: a command line is visible\n"
	 "                      to other users).  Without a token the server is read-only\n"
	 "                      and write routes answer 403.\n"
	 "  --threads N         worker threads, each with its own database connection\n"
	 "                      (default: two per CPU, 4..16)\n"
	 "  --max-body SIZE     largest ingest body (default 10M; K, M, G suffixes)\n"
	 "  --poll              poll the due sources in the background (new items stored\n"
	 "                      even when the server is read-only for clients)\n"
	 "  --per-host N, --delay SECS, --contact URL\n"
	 "                      politeness and User-Agent of --poll, as for sitrep poll\n"
	 "  --no-webhooks       do not deliver webhooks from this process\n"
	 "\n"
	 "examples:\n"
	 "  sitrep serve\n"
	 "  sitrep serve --poll --contact mailto:desk@example.org\n"
	 "  SITREP_TOKEN=$(head -c 18 /dev/urandom | base64) sitrep serve --listen 127.0.0.1:0\n"
	 "  curl -s 'http://127.0.0.1:8080/api/search?q=amman&limit=5'\n"},
	{"source", cmd_source, "add, list and remove the feeds, sitemaps and pages that poll follows",
	 "usage: sitrep source add URL [--name NAME] [--every SPAN] [--kind KIND] [--json]\n"
	 "       sitrep source list [--json]\n"
	 "       sitrep source rm ID|URL\n"
	 "\n"
	 "add fetches URL once (robots.txt respected) to find its kind:\n"
	 "  a feed (RSS 0.9x/2.0, RSS 1.0/RDF, Atom, JSON Feed)  followed as a feed;\n"
	 "  a sitemap or news sitemap (urlset, sitemapindex, gzip)  followed as a sitemap;\n"
	 "  a robots.txt                    each of its Sitemap: lines becomes a sitemap source;\n"
	 "  a web page                      the feed its <link rel=\"alternate\"> names; else, for a\n"
	 "                                  site's home page, the sitemaps its robots.txt lists;\n"
	 "                                  else the page itself (stored again when it changes).\n"
	 "  --name NAME     a label, stored as the source of its documents (default: the URL)\n"
	 "  --every SPAN    polling interval: 90s, 15m, 1h, 1d (default 15m)\n"
	 "  --kind KIND     feed, sitemap or page: skip the detection (no fetch)\n"
	 "\n"
	 "list prints each source with its health: last success, next poll, items first seen in\n"
	 "the last 24 hours and 7 days, the median delay between an item's publication and its\n"
	 "fetch, and the last error.  --json gives all columns (items_24h, items_7d, stored_7d,\n"
	 "delay_median_secs, last_ok, last_error, failures, next_due, ...).\n"
	 "\n"
	 "rm removes a source by id or URL; the documents it brought stay.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep source add https://news.example/rss.xml --name 'Example News' --every 10m\n"
	 "  sitrep source add https://news.example/            # finds the feed the page names\n"
	 "  sitrep source add https://news.example/robots.txt  # its news sitemaps\n"
	 "  sitrep source list\n"
	 "  sitrep source rm 3\n"},
	{"poll", cmd_poll, "fetch the due sources' new items, extract and store them",
	 "usage: sitrep poll [--once] [--refetch] [--json] [options]\n"
	 "\n"
	 "Poll the sources that are due (sitrep source add), with conditional requests (ETag,\n"
	 "Last-Modified); fetch the pages of the items not seen before, politely (robots.txt,\n"
	 "a per-host limit and delay, retries with backoff on 5xx and 429 honouring\n"
	 "Retry-After); extract, store and place them in stories.  An item whose page cannot be\n"
	 "fetched is stored from the feed's own content (content type application/x-feed-item).\n"
	 "A page already stored is not fetched again unless --refetch.  Without --once, polls\n"
	 "again whenever a source is due, until Ctrl-C or SIGTERM, and delivers the watchlists'\n"
	 "webhooks in the background.  Exits 3 when a source or an item failed (each is\n"
	 "reported; the rest is stored).  `sitrep serve --poll` polls the same way.\n"
	 "\n"
	 "options:\n"
	 "  --once          one round over the due sources, then exit\n"
	 "  --refetch       ignore validators and fetch listed pages even when stored\n"
	 "  --json          print each round's counts as a JSON object\n"
	 "  --per-host N    requests in flight per host (default 2)\n"
	 "  --delay SECS    minimum delay between two requests to one host (default 1; a\n"
	 "                  robots.txt Crawl-delay, up to 60, raises it)\n"
	 "  --timeout SECS  per request (default 60)\n"
	 "  --retries N     retries on 5xx, 429 and network errors (default 3)\n"
	 "  --max-size SIZE largest response (default 16M; K, M, G suffixes)\n"
	 "  --contact URL   contact named in the User-Agent, \"sitrep/VERSION (+URL)\"\n"
	 "                  (default $SITREP_CONTACT, else https://example.invalid/sitrep)\n"
	 "\n"
	 "examples:\n"
	 "  sitrep poll --once\n"
	 "  sitrep poll --contact mailto:desk@example.org &\n"},
	{"watch", cmd_watch, "watchlists: queries that alert on every new matching article",
	 "usage: sitrep watch add NAME QUERY [--webhook URL]\n"
	 "       sitrep watch list [--json]\n"
	 "       sitrep watch rm NAME\n"
	 "       sitrep watch test NAME|QUERY [--limit N] [--json]\n"
	 "\n"
	 "A watchlist is a query of the search language (sitrep help search).  Every article\n"
	 "stored afterwards (ingest, poll, the API) is matched against every watchlist as it\n"
	 "is stored, and each match is recorded as an alert (sitrep alerts).  A watchlist\n"
	 "alerts on exactly the articles that `sitrep search` finds for its query.  With\n"
	 "--webhook, each alert is also POSTed as JSON in the background by a running `sitrep\n"
	 "serve` or `sitrep poll` (or by `sitrep alerts --deliver`), never by ingestion itself.\n"
	 "`test` runs the query over what is stored (through search).\n"
	 "A malformed query is refused with its column.  docs/WATCH.md has the details.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep watch add jordan-nato 'nato (jordan OR amman) -sport'\n"
	 "  sitrep watch add ledger 'source:ledger.example title:water' --webhook http://127.0.0.1:9000/hook\n"
	 "  sitrep watch test jordan-nato\n"},
	{"alerts", cmd_alerts, "what the watchlists caught: list, follow, Atom feed, webhook delivery",
	 "usage: sitrep alerts [--watch NAME] [--since SPAN|DATE] [--limit N] [--json | --atom]\n"
	 "                     [--follow]\n"
	 "       sitrep alerts --deliver\n"
	 "\n"
	 "Lists alerts newest first (100 unless --limit).  --atom writes an Atom feed (per\n"
	 "watchlist with --watch); --follow keeps printing new alerts as they arrive (JSON\n"
	 "lines with --json) until interrupted.  --deliver POSTs the pending webhook alerts\n"
	 "(JSON, 10 s timeout); a failure is retried later with backoff (1, 5, 25 ... minutes)\n"
	 "and after 5 tries kept as a dead letter (delivery \"dead\" in --json).  `sitrep\n"
	 "serve` and `sitrep poll` (without --once) do the same in the background, every few\n"
	 "seconds; run --deliver from cron when neither runs.  Exit status 3 when some\n"
	 "deliveries failed.  Each alert is claimed before its POST: processes delivering at\n"
	 "once never post one alert twice.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep alerts --watch jordan-nato --since 24h\n"
	 "  sitrep alerts --atom --watch jordan-nato > jordan.xml\n"
	 "  while sleep 60; do sitrep alerts --deliver; done\n"},
	{"trends", cmd_trends, "rising names: people, organisations, places far above their baseline",
	 "usage: sitrep trends [--since SPAN] [--at DATE] [--min-z Z] [--min-count N] [--limit N]\n"
	 "                     [--json]\n"
	 "\n"
	 "The entities whose articles in the window (--since, default 24h, at most 7d, ending\n"
	 "--at, default now) rise sharply against their own hourly counts over the week before\n"
	 "it: z = (c - W*mu) / sqrt(W*sd^2 + 1), with c the articles in the W-hour window and\n"
	 "mu, sd the mean and deviation of the hourly counts over the 168 hours before.  Lists\n"
	 "z >= 3 (--min-z) with at least 3 articles (--min-count), highest first.\n"
	 "\n"
	 "examples:\n"
	 "  sitrep trends\n"
	 "  sitrep trends --since 6h --json\n"},
	{"train-ner", cmd_train_ner, "train the named-entity tagger on CoNLL-format data",
	 "usage: sitrep train-ner --train FILE [--dev FILE] -o MODEL [options]\n"
	 "\n"
	 "Train the named-entity tagger (PER, ORG, LOC, MISC) on a CoNLL-format file (IOB1,\n"
	 "IOB2 or BILOU tags; -DOCSTART- lines separate documents) and write MODEL.\n"
	 "Single-threaded and deterministic: the same data and seed give the same model.\n"
	 "\n"
	 "  --train FILE        training data\n"
	 "  --dev FILE          development data, scored after each epoch (never trains)\n"
	 "  -o, --output MODEL  the model file to write\n"
	 "  --epochs N          passes over the data (default 10)\n"
	 "  --seed N            shuffling seed (default 1)\n"
	 "  --clusters FILE     word clusters (default: ner/clusters-en.txt.gz in the data\n"
	 "                      folder of the shipped model; 'none' for none)\n"
	 "  --bits N            log2 of the feature table rows (default 16)\n"
	 "  --stages N          1: local features; 2: + document features (default 2)\n"
	 "  --folds N           jackknife folds (default 5)\n"
	 "\n"
	 "Example: sitrep train-ner --train eng.train --dev eng.testa -o data/ner-en.model\n"},
	{"eval-ner", cmd_eval_ner, "score the named-entity tagger on CoNLL-format data",
	 "usage: sitrep eval-ner [--model MODEL] FILE [--out PRED] [--types LIST] [--json]\n"
	 "\n"
	 "Tag FILE (CoNLL format, IOB1/IOB2/BILOU; one document per -DOCSTART-) and print\n"
	 "precision, recall and F1 per type and overall, counted by entity as conlleval does.\n"
	 "\n"
	 "  --model MODEL  the model (default: the shipped ner-en.model, found through\n"
	 "                 $SITREP_NER_MODEL, $SITREP_DATA_DIR, next to the binary, or in\n"
	 "                 <prefix>/share/sitrep/)\n"
	 "  --out PRED     write 'token gold predicted' per line, a blank line between\n"
	 "                 sentences (for conlleval)\n"
	 "  --types LIST   score only these types, e.g. PER,ORG,LOC for data without MISC\n"
	 "  --json         print the scores as JSON\n"
	 "\n"
	 "Example: sitrep eval-ner ../shared/data/ner/conll2003/eng.testa\n"},
	{NULL, NULL, NULL, NULL},
};

static const char global_help[] =
	"usage: sitrep [--db PATH] [-v | -q] COMMAND [ARGS]\n"
	"\n"
	"sitrep reads the news a desk follows, extracts each article, indexes it and answers\n"
	"searches; one binary, one SQLite file.\n"
	"\n"
	"global options (also accepted after the command):\n"
	"  --db PATH    the database (default $SITREP_DB, else ./sitrep.db)\n"
	"  -v, --verbose  more messages;  -q, --quiet  fewer\n"
	"  --version    print the version\n"
	"\n"
	"commands:\n";

static const sr_command *find_command(const char *name)
{
	for (const sr_command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void sr_cli_usage(const char *name, FILE *f)
{
	const sr_command *c = find_command(name);
	if (c)
		fputs(c->usage, f);
}

int sr_cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

static void global_usage(FILE *f)
{
	fputs(global_help, f);
	for (const sr_command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\n`sitrep COMMAND --help` tells more about each command.\n", f);
}

int main(int argc, char **argv)
{
	sr_cli cli = {0};
	const char *env = getenv("SITREP_DB");
	cli.db_path = env && *env ? env : "sitrep.db";

	/* take the global options out of argv, wherever they stand (before "--") */
	int n = 0, seen_dashdash = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!seen_dashdash && strcmp(a, "--") == 0)
			seen_dashdash = 1;
		if (!seen_dashdash && strcmp(a, "--db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sitrep: --db needs a path\n");
				return SR_EXIT_USAGE;
			}
			cli.db_path = argv[++i];
			continue;
		}
		if (!seen_dashdash && strncmp(a, "--db=", 5) == 0) {
			cli.db_path = a + 5;
			continue;
		}
		if (!seen_dashdash && (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)) {
			cli.verbose = 1;
			continue;
		}
		if (!seen_dashdash && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
			cli.quiet = 1;
			continue;
		}
		argv[1 + n++] = a;
	}
	argc = 1 + n;
	argv[argc] = NULL;
	sr_log_verbose = cli.verbose;
	sr_log_quiet = cli.quiet;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		global_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? SR_EXIT_USAGE : SR_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("sitrep %s\n", SITREP_VERSION);
		return SR_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			global_usage(stdout);
			return SR_EXIT_OK;
		}
		if (!find_command(argv[2])) {
			fprintf(stderr, "sitrep: no command '%s' (see `sitrep --help`)\n", argv[2]);
			return SR_EXIT_USAGE;
		}
		sr_cli_usage(argv[2], stdout);
		return SR_EXIT_OK;
	}
	const sr_command *c = find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "sitrep: no command '%s' (see `sitrep --help`)\n", argv[1]);
		return SR_EXIT_USAGE;
	}
	if (sr_cli_wants_help(argc - 1, argv + 1)) {
		fputs(c->usage, stdout);
		return SR_EXIT_OK;
	}
	return c->fn(argc - 1, argv + 1, &cli);
}
