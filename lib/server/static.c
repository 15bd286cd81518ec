/*
 * static.c - looking up the embedded static files (see static.h).
 */
#include "server/static.h"

#include <string.h>

const sr_asset *sr_asset_find(const sr_asset *assets, const char *path)
{
	if (!assets || !path || path[0] != '/')
		return NULL;
	size_t n = strlen(path);
	int dir = path[n - 1] == '/';
	for (const sr_asset *a = assets; a->path; a++) {
		if (!dir) {
			if (strcmp(a->path, path) == 0)
				return a;
		} else if (strncmp(a->path, path, n) == 0 && strcmp(a->path + n, "index.html") == 0) {
			return a;
		}
	}
	return NULL;
}
