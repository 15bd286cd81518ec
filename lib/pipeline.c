#include "pipeline.h"
#include "base/err.h"

#include <stdio.h>

int sr_pipeline_run(const char *bytes, size_t len, const sr_extract_opts *opts, sr_arena *arena,
		    sr_article *out, char why[SR_PIPELINE_WHY_MAX])
{
	sr_extract_info info = {0};
	why[0] = '\0';
	int rc = sr_extract(bytes, len, opts, arena, out, &info);
	switch (rc) {
	case SR_OK:
		break;
	case SR_EEMPTY:
		snprintf(why, SR_PIPELINE_WHY_MAX, "no text found");
		break;
	case SR_EBINARY:
		snprintf(why, SR_PIPELINE_WHY_MAX, "binary data, not HTML or text");
		break;
	case SR_EENCODING:
		snprintf(why, SR_PIPELINE_WHY_MAX,
			 "invalid UTF-8 at byte %zu (plain text must be UTF-8)", info.err_offset);
		break;
	case SR_ETOOBIG:
		snprintf(why, SR_PIPELINE_WHY_MAX, "document too large to extract");
		break;
	default:
		snprintf(why, SR_PIPELINE_WHY_MAX, "extraction failed: %s", sr_strerror(rc));
	}
	return rc;
}
