/*
 * webhook.c - one webhook delivery (see webhook.h).
 */
#include "watch/webhook.h"

#include <curl/curl.h>
#include <stdio.h>

#define ANSWER_MAX (64u * 1024u)

typedef struct sink {
	size_t got;
} sink;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	sink *s = ud;
	s->got += size * n;
	return s->got > ANSWER_MAX ? 0 : size * n; /* a longer answer ends the transfer */
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	(void)dt, (void)dn, (void)ut, (void)un;
	const sr_webhook *w = ud;
	return w && w->stop && *w->stop ? 1 : 0;
}

int sr_webhook_post(void *ctx, const char *url, const char *body, char *err, size_t errlen)
{
	const sr_webhook *w = ctx;
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sink s = {0};
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	if (!h) {
		curl_easy_cleanup(c);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_USERAGENT, w && w->agent ? w->agent : "sitrep (webhook)");
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, w && w->timeout_ms ? w->timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 w && w->connect_timeout_ms ? w->connect_timeout_ms : 5000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)w);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	long code = 0;
	CURLcode r = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (r == CURLE_ABORTED_BY_CALLBACK) {
		snprintf(err, errlen, "abandoned (stopping)");
		return 1;
	}
	if (r == CURLE_WRITE_ERROR && code >= 200 && code <= 299)
		return 0; /* a 2xx with a long answer: delivered all the same */
	if (r != CURLE_OK) {
		snprintf(err, errlen, "%s", curl_easy_strerror(r));
		return -1;
	}
	if (code < 200 || code > 299) {
		snprintf(err, errlen, "HTTP %ld", code);
		return -1;
	}
	return 0;
}
