/* Unit tests for lib/source/warc: the fixtures in tests/fixtures/warc (made by make.py there,
 * each with NAME.idx.jsonl listing the records and errors the reader must give), seeking,
 * pipes, the payload cap, sniffing, garbage input, and the golden check against warcio's index
 * of the files in ../shared/data/warc (skipped when that folder is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "base/err.h"
#include "source/warc.h"

static const char *const fixtures[] = {
	"basic.warc", "basic.warc.gz", "basic-whole.warc.gz", "broken.warc", "broken.warc.gz",
	"fixture.arc", "fixture.arc.gz", NULL,
};

/* The repository root (where tests/fixtures/warc is), or NULL. */
static const char *repo_root(void)
{
	static char root[4096];
	static const char *const dirs[] = { ".", "..", "../..", "../../..", NULL };
	const char *env = getenv("SITREP_ROOT");
	char probe[4200];
	if (env) {
		snprintf(probe, sizeof probe, "%s/tests/fixtures/warc/make.py", env);
		if (access(probe, R_OK) == 0) {
			snprintf(root, sizeof root, "%s", env);
			return root;
		}
	}
	for (int i = 0; dirs[i]; i++) {
		snprintf(probe, sizeof probe, "%s/tests/fixtures/warc/make.py", dirs[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(root, sizeof root, "%s", dirs[i]);
			return root;
		}
	}
	return NULL;
}

static void fixture_path(char *dst, size_t cap, const char *name)
{
	const char *root = repo_root();
	assert_non_null(root);
	snprintf(dst, cap, "%s/tests/fixtures/warc/%s", root, name);
}

/* ../shared/data/warc (or $SITREP_DATA/warc), or NULL when absent. */
static const char *warc_data(void)
{
	static char dir[4096];
	const char *env = getenv("SITREP_DATA");
	if (env)
		snprintf(dir, sizeof dir, "%s/warc", env);
	else if (repo_root())
		snprintf(dir, sizeof dir, "%s/../shared/data/warc", repo_root());
	else
		return NULL;
	char probe[4200];
	snprintf(probe, sizeof probe, "%s/warcio/EXPECTED-index.jsonl", dir);
	return access(probe, R_OK) == 0 ? dir : NULL;
}

static json_t *load_jsonl(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	json_t *arr = json_array();
	char line[65536];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '\n')
			continue;
		json_error_t err;
		json_t *o = json_loads(line, 0, &err);
		assert_non_null(o);
		json_array_append_new(arr, o);
	}
	fclose(f);
	return arr;
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 1 << 16, len = 0;
	unsigned char *p = malloc(cap);
	size_t k;
	while ((k = fread(p + len, 1, cap - len, f)) > 0) {
		len += k;
		if (len == cap)
			p = realloc(p, cap *= 2);
	}
	fclose(f);
	*n = len;
	return p;
}

static void check_str(json_t *e, const char *key, const char *got)
{
	json_t *v = json_object_get(e, key);
	if (!v)
		return;
	if (json_is_null(v)) {
		assert_null(got);
		return;
	}
	if (!got)
		fail_msg("%s: expected \"%s\", got NULL", key, json_string_value(v));
	assert_string_equal(got, json_string_value(v));
}

/* Read every record of an open reader and compare with the idx entries. */
static void check_reader(sr_warc_reader *r, json_t *idx, const char *name)
{
	sr_warc_record rec;
	char why[SR_WARC_WHY_MAX];
	int have_prev = 0;
	uint64_t prev_off = 0, prev_inner = 0;
	for (size_t i = 0; i < json_array_size(idx); i++) {
		json_t *e = json_array_get(idx, i);
		int rc = sr_warc_next(r, &rec, why);
		json_t *err = json_object_get(e, "error");
		if (err) {
			if (rc >= 0)
				fail_msg("%s entry %zu: expected error \"%s\", got rc %d", name, i,
					 json_string_value(err), rc);
			if (!strstr(why, json_string_value(err)))
				fail_msg("%s entry %zu: error \"%s\" lacks \"%s\"", name, i, why,
					 json_string_value(err));
			have_prev = 0;
			continue;
		}
		if (rc != 1)
			fail_msg("%s entry %zu: expected a record, got rc %d (%s)", name, i, rc, why);
		assert_int_equal(rec.offset, json_integer_value(json_object_get(e, "offset")));
		assert_int_equal(rec.inner, json_integer_value(json_object_get(e, "inner")));
		assert_int_equal(rec.length, json_integer_value(json_object_get(e, "length")));
		if (have_prev) {
			assert_int_equal(prev_off, rec.offset);
			assert_int_equal(prev_inner, rec.inner);
		}
		have_prev = 1;
		prev_off = rec.next_offset;
		prev_inner = rec.next_inner;
		check_str(e, "type", rec.type);
		check_str(e, "uri", rec.target_uri);
		check_str(e, "content_type", rec.content_type);
		check_str(e, "charset", rec.charset);
		check_str(e, "refers_to", rec.refers_to);
		check_str(e, "refers_to_uri", rec.refers_to_uri);
		check_str(e, "content_encoding", rec.content_encoding);
		json_t *st = json_object_get(e, "status");
		if (st)
			assert_int_equal(rec.http_status, json_integer_value(st));
		json_t *pl = json_object_get(e, "payload");
		if (pl) {
			assert_int_equal(rec.payload_len, json_string_length(pl));
			assert_memory_equal(rec.payload, json_string_value(pl), rec.payload_len);
		}
		assert_int_equal(rec.payload[rec.payload_len], '\0');
		assert_non_null(rec.date);
	}
	int rc = sr_warc_next(r, &rec, why);
	if (rc != 0)
		fail_msg("%s: expected the end, got rc %d (%s)", name, rc, why);
	assert_int_equal(sr_warc_next(r, &rec, why), 0);
}

static json_t *fixture_idx(const char *name)
{
	char path[4300];
	char idx[4400];
	fixture_path(path, sizeof path, name);
	snprintf(idx, sizeof idx, "%s.idx.jsonl", path);
	return load_jsonl(idx);
}

static void test_fixtures_from_files(void **state)
{
	(void)state;
	for (int i = 0; fixtures[i]; i++) {
		char path[4300], why[SR_WARC_WHY_MAX];
		fixture_path(path, sizeof path, fixtures[i]);
		json_t *idx = fixture_idx(fixtures[i]);
		sr_warc_reader *r;
		assert_int_equal(sr_warc_open(&r, path, 0, why), SR_OK);
		assert_int_equal(sr_warc_is_gzip(r), strstr(fixtures[i], ".gz") != NULL);
		check_reader(r, idx, fixtures[i]);
		sr_warc_close(r);
		json_decref(idx);
	}
}

static void test_fixtures_from_memory(void **state)
{
	(void)state;
	for (int i = 0; fixtures[i]; i++) {
		char path[4300], why[SR_WARC_WHY_MAX];
		fixture_path(path, sizeof path, fixtures[i]);
		size_t n;
		unsigned char *data = slurp(path, &n);
		json_t *idx = fixture_idx(fixtures[i]);
		sr_warc_reader *r;
		assert_int_equal(sr_warc_open_mem(&r, data, n, 0, why), SR_OK);
		check_reader(r, idx, fixtures[i]);
		sr_warc_close(r);
		json_decref(idx);
		free(data);
	}
}

/* Every record position (offset, inner) and every next position can be resumed from. */
static void test_seek(void **state)
{
	(void)state;
	static const char *const names[] = { "basic.warc", "basic.warc.gz", "basic-whole.warc.gz",
					     "fixture.arc", "fixture.arc.gz", "broken.warc.gz", NULL };
	for (int i = 0; names[i]; i++) {
		char path[4300], why[SR_WARC_WHY_MAX];
		fixture_path(path, sizeof path, names[i]);
		json_t *idx = fixture_idx(names[i]);
		sr_warc_reader *r;
		assert_int_equal(sr_warc_open(&r, path, 0, why), SR_OK);
		/* backwards, so that every seek moves */
		for (size_t k = json_array_size(idx); k-- > 0;) {
			json_t *e = json_array_get(idx, k);
			if (json_object_get(e, "error"))
				continue;
			uint64_t off = (uint64_t)json_integer_value(json_object_get(e, "offset"));
			uint64_t inner = (uint64_t)json_integer_value(json_object_get(e, "inner"));
			assert_int_equal(sr_warc_seek(r, off, inner), SR_OK);
			sr_warc_record rec;
			int rc = sr_warc_next(r, &rec, why);
			if (rc != 1)
				fail_msg("%s: seek to %llu+%llu: rc %d (%s)", names[i],
					 (unsigned long long)off, (unsigned long long)inner, rc, why);
			assert_int_equal(rec.offset, off);
			assert_int_equal(rec.inner, inner);
			check_str(e, "type", rec.type);
			check_str(e, "uri", rec.target_uri);
			/* resuming after it gives the next entry of the index */
			uint64_t noff = rec.next_offset, ninner = rec.next_inner;
			assert_int_equal(sr_warc_seek(r, noff, ninner), SR_OK);
			rc = sr_warc_next(r, &rec, why);
			json_t *ne = json_array_get(idx, k + 1);
			if (!ne)
				assert_int_equal(rc, 0);
			else if (json_object_get(ne, "error"))
				assert_true(rc < 0);
			else {
				assert_int_equal(rc, 1);
				check_str(ne, "uri", rec.target_uri);
				assert_int_equal(rec.offset, json_integer_value(json_object_get(ne, "offset")));
			}
		}
		sr_warc_close(r);
		json_decref(idx);
	}
}

/* A record whose block is over the cap is skipped with SR_ETOOBIG; the others are read. */
static void test_payload_cap(void **state)
{
	(void)state;
	static const char *const names[] = { "basic.warc", "basic.warc.gz", "basic-whole.warc.gz",
					     NULL };
	for (int i = 0; names[i]; i++) {
		char path[4300], why[SR_WARC_WHY_MAX];
		fixture_path(path, sizeof path, names[i]);
		size_t blen[64], n = 0;
		sr_warc_reader *r;
		sr_warc_record rec;
		assert_int_equal(sr_warc_open(&r, path, 0, why), SR_OK);
		while (sr_warc_next(r, &rec, why) == 1 && n < 64)
			blen[n++] = rec.block_len;
		sr_warc_close(r);
		assert_int_equal(n, 12);
		const size_t cap = 200;
		assert_int_equal(sr_warc_open(&r, path, cap, why), SR_OK);
		size_t big = 0;
		for (size_t k = 0; k < n; k++) {
			int rc = sr_warc_next(r, &rec, why);
			if (blen[k] > cap) {
				assert_int_equal(rc, SR_ETOOBIG);
				assert_non_null(strstr(why, "over the 200-byte cap"));
				big++;
			} else {
				assert_int_equal(rc, 1);
				assert_int_equal(rec.block_len, blen[k]);
			}
		}
		assert_int_equal(sr_warc_next(r, &rec, why), 0);
		assert_true(big > 0 && big < n);
		sr_warc_close(r);
	}
}

/* Reading from a pipe (standard input): no seeking backwards, forwards by reading. */
static void test_pipe(void **state)
{
	(void)state;
	char path[4300], why[SR_WARC_WHY_MAX];
	fixture_path(path, sizeof path, "basic.warc.gz");
	json_t *idx = fixture_idx("basic.warc.gz");
	size_t n;
	unsigned char *data = slurp(path, &n);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		size_t off = 0;
		while (off < n) {
			ssize_t k = write(fds[1], data + off, n - off);
			if (k <= 0)
				_exit(1);
			off += (size_t)k;
		}
		_exit(0);
	}
	close(fds[1]);
	sr_warc_reader *r;
	sr_warc_record rec;
	assert_int_equal(sr_warc_open_fd(&r, fds[0], 0, why), SR_OK);
	assert_int_equal(sr_warc_next(r, &rec, why), 1);
	assert_int_equal(sr_warc_next(r, &rec, why), 1);
	assert_int_equal(sr_warc_seek(r, 0, 0), SR_EINVAL);
	json_t *e = json_array_get(idx, 5);
	assert_int_equal(sr_warc_seek(r, (uint64_t)json_integer_value(json_object_get(e, "offset")), 0),
			 SR_OK);
	size_t count = 0;
	while (sr_warc_next(r, &rec, why) == 1) {
		if (count == 0)
			check_str(e, "uri", rec.target_uri);
		count++;
	}
	assert_int_equal(count, 12 - 5);
	sr_warc_close(r);
	close(fds[0]);
	int status;
	waitpid(pid, &status, 0);
	free(data);
	json_decref(idx);
}

static void test_sniff(void **state)
{
	(void)state;
	for (int i = 0; fixtures[i]; i++) {
		char path[4300];
		fixture_path(path, sizeof path, fixtures[i]);
		size_t n;
		unsigned char *data = slurp(path, &n);
		int want = strstr(fixtures[i], ".arc") ? SR_WARC_SNIFF_ARC : SR_WARC_SNIFF_WARC;
		if (strncmp(fixtures[i], "broken.warc", 11) == 0 && !strstr(fixtures[i], ".gz"))
			want = 0; /* starts with a junk line */
		assert_int_equal(sr_warc_sniff(data, n > 4096 ? 4096 : n), want);
		free(data);
	}
	assert_int_equal(sr_warc_sniff("hello world\n", 12), 0);
	assert_int_equal(sr_warc_sniff("", 0), 0);
	assert_int_equal(sr_warc_sniff("WARC/1.0\r\n", 10), SR_WARC_SNIFF_WARC);
	assert_int_equal(sr_warc_sniff("\r\nWARC/1.1\r\n", 12), SR_WARC_SNIFF_WARC);
	assert_int_equal(sr_warc_sniff("<html>WARC/1.0", 14), 0);
	/* gzip of text that is no archive */
	unsigned char gz[256];
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)"just some text\n";
	z.avail_in = 15;
	z.next_out = gz;
	z.avail_out = sizeof gz;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t gn = sizeof gz - z.avail_out;
	deflateEnd(&z);
	assert_int_equal(sr_warc_sniff(gz, gn), 0);
	/* a gzip cut after a few bytes is still sniffed from what inflates */
	char path[4300];
	fixture_path(path, sizeof path, "basic.warc.gz");
	size_t n;
	unsigned char *data = slurp(path, &n);
	assert_int_equal(sr_warc_sniff(data, 200), SR_WARC_SNIFF_WARC);
	free(data);
}

/* ARC v2: ten fields per header line; the version comes from the filedesc block. */
static void test_arc_v2(void **state)
{
	(void)state;
	static const char ver[] = "2 0 Sitrep Test\nURL IP-address Archive-date Content-type "
				  "Result-code Checksum Location Offset Filename Archive-length\n";
	static const char body[] = "HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\n"
				   "<p>gone</p>";
	char buf[1024];
	int n = snprintf(buf, sizeof buf,
			 "filedesc://t.arc 0.0.0.0 20240301100000 text/plain 200 - - 0 t.arc %zu\n%s\n"
			 "http://news.example.org/a b 192.0.2.7 20240301100500 text/html 404 XYZ - "
			 "12345678 t.arc %zu\n%s\n",
			 sizeof ver - 1, ver, sizeof body - 1, body);
	sr_warc_reader *r;
	sr_warc_record rec;
	char why[SR_WARC_WHY_MAX];
	assert_int_equal(sr_warc_open_mem(&r, buf, (size_t)n, 0, why), SR_OK);
	assert_int_equal(sr_warc_next(r, &rec, why), 1);
	assert_string_equal(rec.type, "warcinfo");
	assert_string_equal(rec.filename, "t.arc");
	assert_int_equal(sr_warc_next(r, &rec, why), 1);
	assert_string_equal(rec.type, "response");
	assert_true(rec.is_arc);
	assert_string_equal(rec.target_uri, "http://news.example.org/a%20b");
	assert_string_equal(rec.date, "2024-03-01T10:05:00Z");
	assert_int_equal(rec.http_status, 404);
	assert_string_equal(rec.content_type, "text/html");
	assert_string_equal(rec.payload, "<p>gone</p>");
	assert_int_equal(sr_warc_next(r, &rec, why), 0);
	sr_warc_close(r);
	assert_int_equal(sr_warc_sniff(buf, (size_t)n), SR_WARC_SNIFF_ARC);
}

/* Garbage never crashes, and a loop over sr_warc_next() ends. */
static void test_garbage(void **state)
{
	(void)state;
	static const char *const inputs[] = {
		"",
		"\r\n\r\n\r\n",
		"WARC/1.0\r\n",
		"WARC/1.0\r\nContent-Length: 5\r\n\r\nabc",
		"WARC/1.0\r\nContent-Length: x\r\n\r\nabcWARC/1.0\r\n\r\n",
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 6\r\n\r\nHTTP/1\r\n\r\n",
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nab\r\n\r\n\r\n",
		"filedesc://x 1 20200101000000 text/plain 3\nabc\nhttp://a 1 2020010100 t 99999999\n",
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage",
		"\x1f\x8b\x08",
		NULL,
	};
	for (int i = 0; inputs[i]; i++) {
		sr_warc_reader *r;
		sr_warc_record rec;
		char why[SR_WARC_WHY_MAX];
		assert_int_equal(sr_warc_open_mem(&r, inputs[i], strlen(inputs[i]), 0, why), SR_OK);
		int rc, steps = 0;
		while ((rc = sr_warc_next(r, &rec, why)) != 0 && steps < 1000) {
			if (rc < 0)
				assert_true(why[0] != '\0');
			steps++;
		}
		assert_true(steps < 1000);
		sr_warc_close(r);
	}
	/* a folded header line is joined with a space, but never into a URI */
	static const char folded[] = "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://a.example/\r\n"
				     " x y\r\nWARC-Truncated: length\r\n\tby the crawler\r\n"
				     "Content-Length: 2\r\n\r\nhi\r\n\r\n";
	sr_warc_reader *r;
	sr_warc_record rec;
	char why[SR_WARC_WHY_MAX];
	assert_int_equal(sr_warc_open_mem(&r, folded, sizeof folded - 1, 0, why), SR_OK);
	assert_int_equal(sr_warc_next(r, &rec, why), 1);
	assert_string_equal(rec.target_uri, "http://a.example/");
	assert_string_equal(rec.truncated, "length by the crawler");
	assert_int_equal(sr_warc_next(r, &rec, why), 0);
	sr_warc_close(r);
	/* a missing file */
	assert_int_equal(sr_warc_open(&r, "/nonexistent/x.warc", 0, why), SR_EIO);
	assert_null(r);
	sr_warc_close(NULL);
}

/* ---- ../shared/data/warc ---------------------------------------------------------------------- */

/* The records warcio's index lists (example.warc.gz, example.warc, example.arc.gz, example.arc:
 * 6 + 6 + 2 + 2 lines) agree with ours: offset, length, type, target URI. */
static void test_shared_golden(void **state)
{
	(void)state;
	const char *dir = warc_data();
	if (!dir) {
		print_message("../shared/data/warc absent (set SITREP_DATA): golden check skipped\n");
		skip();
	}
	char path[4300];
	snprintf(path, sizeof path, "%s/warcio/EXPECTED-index.jsonl", dir);
	json_t *idx = load_jsonl(path);
	assert_int_equal(json_array_size(idx), 16);
	static const struct {
		const char *name;
		size_t n;
	} files[] = { { "example.warc.gz", 6 }, { "example.warc", 6 }, { "example.arc.gz", 2 },
		      { "example.arc", 2 } };
	size_t at = 0;
	for (size_t f = 0; f < 4; f++) {
		char why[SR_WARC_WHY_MAX];
		snprintf(path, sizeof path, "%s/warcio/%s", dir, files[f].name);
		sr_warc_reader *r;
		assert_int_equal(sr_warc_open(&r, path, 0, why), SR_OK);
		for (size_t k = 0; k < files[f].n; k++, at++) {
			json_t *e = json_array_get(idx, at);
			sr_warc_record rec;
			int rc = sr_warc_next(r, &rec, why);
			if (rc != 1)
				fail_msg("%s record %zu: rc %d (%s)", files[f].name, k, rc, why);
			long long off = atoll(json_string_value(json_object_get(e, "offset")));
			long long len = atoll(json_string_value(json_object_get(e, "length")));
			if ((long long)rec.offset != off || (long long)rec.length != len)
				fail_msg("%s record %zu: %llu/%llu, warcio says %lld/%lld",
					 files[f].name, k, (unsigned long long)rec.offset,
					 (unsigned long long)rec.length, off, len);
			assert_int_equal(rec.inner, 0);
			assert_string_equal(rec.type, json_string_value(json_object_get(e, "warc-type")));
			json_t *uri = json_object_get(e, "warc-target-uri");
			if (uri)
				assert_string_equal(rec.target_uri, json_string_value(uri));
			else
				assert_null(rec.target_uri);
			json_t *ct = json_object_get(e, "http:content-type");
			if (ct && strcmp(rec.type, "response") == 0)
				assert_string_equal(rec.content_type, json_string_value(ct));
		}
		sr_warc_record rec;
		assert_int_equal(sr_warc_next(r, &rec, why), 0);
		sr_warc_close(r);
	}
	json_decref(idx);
}

/* Every file in ../shared/data/warc: how many records and errors, and the first error. */
static void test_shared_all(void **state)
{
	(void)state;
	const char *dir = warc_data();
	if (!dir) {
		print_message("../shared/data/warc absent (set SITREP_DATA): skipped\n");
		skip();
	}
	static const struct {
		const char *name;
		int records, errors;
		const char *error; /* substring of the first error */
	} files[] = {
		{ "jwarc/cc.warc.gz", 1, 0, NULL },
		{ "jwarc/gzip_extra_sl.warc.gz", 1, 0, NULL },
		{ "warcio.js/example-bad-length.warc", 5, 1,
		  "offset 1197: WARC record not followed by a record boundary" },
		{ "warcio.js/example-resource.warc.gz", 1, 0, NULL },
		{ "warcio.js/example-url-agnostic-revisit.warc.gz", 2, 0, NULL },
		{ "warcio.js/example.warc", 7, 0, NULL },
		{ "warcio.js/post-test-more.warc", 6, 0, NULL },
		{ "warcio.js/redirect.warc", 2, 0, NULL },
		{ "warcio/bad.arc", 1, 3, "offset 0: ARC record header with a bad length" },
		{ "warcio/example-bad-non-chunked.warc.gz", 6, 0, NULL },
		{ "warcio/example-bad.warc.gz.bad", 6, 0, NULL },
		{ "warcio/example-digest.warc", 4, 0, NULL },
		{ "warcio/example-iana.org-chunked.warc", 3, 0, NULL },
		{ "warcio/example-resource.warc.gz", 3, 0, NULL },
		{ "warcio/example-space-in-target-uri.warc.gz", 2, 0, NULL },
		{ "warcio/example-space-in-url.arc", 1, 1, "offset 151: record truncated" },
		{ "warcio/example-trunc.warc", 3, 1,
		  "offset 1197: WARC record not followed by a record boundary" },
		{ "warcio/example-wget-bad-target-uri.warc.gz", 6, 0, NULL },
		{ "warcio/example-wrong-chunks.warc.gz", 2, 0, NULL },
		{ "warcio/example.arc", 2, 0, NULL },
		{ "warcio/example.arc.gz", 2, 0, NULL },
		{ "warcio/example.warc", 6, 0, NULL },
		{ "warcio/example.warc.gz", 6, 0, NULL },
		{ "warcio/post-test.warc.gz", 6, 0, NULL },
	};
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char path[4300], why[SR_WARC_WHY_MAX], first[SR_WARC_WHY_MAX] = "";
		snprintf(path, sizeof path, "%s/%s", dir, files[f].name);
		sr_warc_reader *r;
		assert_int_equal(sr_warc_open(&r, path, 0, why), SR_OK);
		int records = 0, errors = 0, rc;
		sr_warc_record rec;
		while ((rc = sr_warc_next(r, &rec, why)) != 0) {
			if (rc < 0) {
				if (!errors++)
					snprintf(first, sizeof first, "%s", why);
				continue;
			}
			records++;
			if (rec.target_uri) {
				assert_null(strchr(rec.target_uri, ' '));
				assert_true(rec.target_uri[0] != '<');
			}
			if (strcmp(files[f].name, "warcio/example-iana.org-chunked.warc") == 0 &&
			    strcmp(rec.type, "response") == 0) {
				/* chunked transfer encoding decoded */
				assert_int_equal(rec.http_status, 200);
				assert_true(rec.payload_len > 7000);
				assert_memory_equal(rec.payload, "<!doctype html>", 15);
				assert_true(rec.payload_len < rec.block_len);
				assert_null(rec.warning);
			}
		}
		sr_warc_close(r);
		if (records != files[f].records || errors != files[f].errors)
			fail_msg("%s: %d records, %d errors (first: %s); expected %d and %d",
				 files[f].name, records, errors, first, files[f].records,
				 files[f].errors);
		if (files[f].error && !strstr(first, files[f].error))
			fail_msg("%s: first error \"%s\" lacks \"%s\"", files[f].name, first,
				 files[f].error);
	}
}

/* ---- members of every size: one call (libdeflate) or streamed (zlib) ---------------------- */

static void gz_member(unsigned char **out, size_t *n, size_t *cap, const void *p, size_t len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t bound = deflateBound(&z, (uLong)len) + 64;
	if (*n + bound > *cap) {
		*cap = (*n + bound) * 2;
		*out = realloc(*out, *cap);
		assert_non_null(*out);
	}
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)len;
	z.next_out = *out + *n;
	z.avail_out = (uInt)(*cap - *n);
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*n += z.total_out;
	deflateEnd(&z);
}

/* A record whose payload is `len` bytes: text (compressible) or noise (not). */
static size_t make_record(char *dst, size_t cap, int i, size_t len, int noise, char *payload)
{
	uint32_t x = 2463534242u + (uint32_t)i;
	for (size_t k = 0; k < len; k++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		payload[k] = noise ? (char)(x & 0xff) : "abcdefgh ij\n"[x % 12];
	}
	int h = snprintf(dst, cap,
			 "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.org/%d\r\n"
			 "WARC-Date: 2026-11-30T10:00:00Z\r\nContent-Type: application/octet-stream\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 i, len);
	assert_true(h > 0 && (size_t)h + len + 4 <= cap);
	memcpy(dst + h, payload, len);
	memcpy(dst + h + len, "\r\n\r\n", 4);
	return (size_t)h + len + 4;
}

static void test_member_sizes(void **state)
{
	(void)state;
	/* sizes around the reader's 256 KiB input buffer and window chunk, some members too
	 * large to inflate in one call, and one corrupt member */
	static const size_t sizes[] = {10, 5000, 70000, 300000, 12, 700000, 129000, 1, 260000,
				       90000, 2000000, 33, 140000, 64};
	enum { NREC = sizeof sizes / sizeof sizes[0], CORRUPT = 9 };
	size_t cap = 0, n = 0;
	unsigned char *gz = NULL;
	uint64_t off[NREC];
	char *rec = malloc(2100000), *payload[NREC];
	assert_non_null(rec);
	for (int i = 0; i < NREC; i++) {
		payload[i] = malloc(sizes[i]);
		assert_non_null(payload[i]);
		size_t len = make_record(rec, 2100000, i, sizes[i], i % 3 == 1, payload[i]);
		off[i] = n;
		gz_member(&gz, &n, &cap, rec, len);
	}
	/* corrupt the deflate data in the middle of one member (its CRC no longer matches, or
	 * the stream is invalid) */
	gz[off[CORRUPT] + (off[CORRUPT + 1] - off[CORRUPT]) / 2] ^= 0x55;

	char path[] = "/tmp/sitrep-test-warc-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, gz, n), (ssize_t)n);
	close(fd);

	for (int pass = 0; pass < 2; pass++) {
		sr_warc_reader *r;
		sr_warc_record wr;
		char why[SR_WARC_WHY_MAX];
		if (pass == 0)
			assert_int_equal(sr_warc_open_mem(&r, gz, n, 4u << 20, why), SR_OK);
		else
			assert_int_equal(sr_warc_open(&r, path, 4u << 20, why), SR_OK);
		int next = 0, errors = 0, rc;
		while ((rc = sr_warc_next(r, &wr, why)) != 0) {
			if (rc < 0) {
				errors++;
				continue;
			}
			if (next == CORRUPT)
				next++; /* the corrupt member's record is skipped */
			assert_true(next < NREC);
			assert_int_equal(wr.offset, off[next]);
			assert_int_equal(wr.inner, 0);
			assert_int_equal(wr.payload_len, sizes[next]);
			assert_memory_equal(wr.payload, payload[next], sizes[next]);
			next++;
		}
		assert_int_equal(next, NREC);
		assert_true(errors >= 1);
		sr_warc_close(r);
	}
	unlink(path);
	for (int i = 0; i < NREC; i++)
		free(payload[i]);
	free(rec);
	free(gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_from_files),
		cmocka_unit_test(test_fixtures_from_memory),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_payload_cap),
		cmocka_unit_test(test_pipe),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_arc_v2),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_member_sizes),
		cmocka_unit_test(test_shared_golden),
		cmocka_unit_test(test_shared_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
