/*
 * webhook.h - one webhook delivery: a JSON POST over libcurl.
 *
 * http and https only, no redirects followed, 5 s to connect and 10 s in all (both
 * configurable), the answer's body read and dropped (at most 64 KB), an honest
 * User-Agent.  A 2xx answer is success; anything else is a failure with a reason.
 */
#ifndef SR_WEBHOOK_H
#define SR_WEBHOOK_H

#include <stddef.h>

#include "base/flag.h"

typedef struct sr_webhook {
	const char *agent;             /* User-Agent (NULL: "sitrep (webhook)") */
	long connect_timeout_ms;       /* 0: 5000 */
	long timeout_ms;               /* 0: 10000 */
	const sr_flag *stop;          /* when non-zero, a transfer in flight is abandoned */
} sr_webhook;

/* POST body to url.  Returns 0 (2xx), -1 (failed: reason in err), or 1 (abandoned because
 * *stop became non-zero: not an outcome, try again later).  ctx is a sr_webhook (or NULL
 * for the defaults), so that the function fits sr_watch_post_fn.  curl_global_init must
 * have been called. */
int sr_webhook_post(void *ctx, const char *url, const char *body, char *err, size_t errlen);

#endif
