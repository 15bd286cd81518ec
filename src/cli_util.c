#include "cli.h"
#include "base/isotime.h"
#include "store/store.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long sr_cli_parse_size(const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return -1;
	double mul = 1;
	switch (*end) {
	case 'k': case 'K': mul = 1e3; end++; break;
	case 'm': case 'M': mul = 1e6; end++; break;
	case 'g': case 'G': mul = 1e9; end++; break;
	case '\0': break;
	default: return -1;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end)
		return -1;
	v *= mul;
	if (v > 1e15)
		return -1;
	return (long long)v;
}

int sr_cli_parse_when(const char *s, int until, int64_t *out)
{
	int64_t span = sr_span_parse(s), t;
	if (span >= 0) {
		*out = (int64_t)time(NULL) - span;
		return 0;
	}
	if (sr_iso_parse(s, &t) != 0)
		return -1;
	*out = t + (until && strlen(s) == 10 ? 86399 : 0);
	return 0;
}

int sr_cli_parse_int(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > INT_MAX)
		return -1;
	return (int)v;
}

struct sr_store *sr_cli_open_store(sr_cli *cli, unsigned flags)
{
	sr_store *s = NULL;
	char err[512];
	if (sr_store_open(&s, cli->db_path, flags, err, sizeof(err)) != 0) {
		fprintf(stderr, "sitrep: %s\n", err);
		return NULL;
	}
	return s;
}

int sr_cli_write(const void *p, size_t n)
{
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}
