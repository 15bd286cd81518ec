/*
 * trends.h - rising names: entities mentioned far more in a recent window than their own
 * trailing-week baseline (docs/WATCH.md, "Trends").
 *
 * For each entity, the articles mentioning it are counted per hour (articles.time).  With
 * W the window in hours (24 for --since 24h), c its articles in the window [at - W, at),
 * and mu and sigma the mean and standard deviation of its hourly counts over the 168 hours
 * before the window (hours with none count as 0):
 *
 *     z = (c - W * mu) / sqrt(W * sigma^2 + 1)
 *
 * the distance of the window's count from what the baseline predicts, in standard
 * deviations of a sum of W such hours (the + 1 keeps a name never seen before finite: it
 * scores c).  Names with z >= min_z and c >= min_count are listed, highest z first.
 */
#ifndef SR_TRENDS_H
#define SR_TRENDS_H

#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

typedef struct sr_trends_opts {
	int64_t at;        /* the end of the window (unix seconds) */
	int window_hours;  /* 1..168 */
	double min_z;      /* e.g. 3 */
	int min_count;     /* e.g. 3 */
	int limit;         /* 0 = 20 */
} sr_trends_opts;

/* {"at", "window_hours", "trends": [{id, type, name, count, baseline_per_hour, sd, z}]}
 * into out.  SR_OK, SR_ENOMEM or SR_EDB. */
int sr_trends_json(sr_store *s, const sr_trends_opts *o, sr_buf *out);

#endif
