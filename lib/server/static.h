/*
 * static.h - the static files of the dashboard, embedded into the binary at build time.
 *
 * scripts/embed.sh turns every file under web/ into an entry of sr_web_assets (the build
 * writes $(BUILD)/gen/web_assets.c, linked into the sitrep binary only; the library and
 * its tests take the table as a parameter).  Paths are "/" + the file's path under web/;
 * the content type is chosen by the generator from the file's extension.
 */
#ifndef SR_STATIC_H
#define SR_STATIC_H

#include <stddef.h>

typedef struct sr_asset {
	const char *path;          /* "/index.html"; NULL ends the table */
	const char *type;          /* "text/html; charset=utf-8" */
	const unsigned char *data;
	size_t len;
} sr_asset;

/* The table generated from web/ (defined by the generated file, see above). */
extern const sr_asset sr_web_assets[];

/* The asset at a decoded path (see server/http.h): an exact match, where a path that ends
 * in '/' names its index.html.  NULL when there is none (or assets is NULL). */
const sr_asset *sr_asset_find(const sr_asset *assets, const char *path);

#endif
