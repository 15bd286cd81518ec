#include "progress.h"
#include "base/log.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static struct {
	int on;
	int drawn;
	const char *what;
	size_t total, done;
	double t0, last;
} pb;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear(void)
{
	if (pb.drawn) {
		fputs("\r\033[K", stderr);
		pb.drawn = 0;
	}
}

static void draw(void)
{
	double el = now() - pb.t0;
	double rate = el > 0 ? (double)pb.done / el : 0;
	char eta[32] = "";
	if (pb.total && rate > 0 && pb.done <= pb.total) {
		long left = (long)((double)(pb.total - pb.done) / rate + 0.5);
		snprintf(eta, sizeof(eta), "  %ld:%02ld left", left / 60, left % 60);
	}
	const int width = 24;
	char bar[32];
	int fill = pb.total ? (int)((double)width * (double)pb.done / (double)pb.total) : 0;
	if (fill > width)
		fill = width;
	for (int i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[width] = '\0';
	if (pb.total)
		fprintf(stderr, "\r\033[K[%s] %zu/%zu %s  %.0f/s%s", bar, pb.done, pb.total, pb.what, rate, eta);
	else
		fprintf(stderr, "\r\033[K%zu %s  %.0f/s", pb.done, pb.what, rate);
	fflush(stderr);
	pb.drawn = 1;
}

void sr_progress_start(const char *what, size_t total, int enabled)
{
	pb.on = enabled && isatty(STDERR_FILENO);
	pb.what = what;
	pb.total = total;
	pb.done = 0;
	pb.t0 = pb.last = now();
	pb.drawn = 0;
	if (pb.on)
		sr_log_before = clear;
}

void sr_progress_update(size_t done)
{
	pb.done = done;
	if (!pb.on)
		return;
	double t = now();
	if (t - pb.last < 0.1)
		return;
	pb.last = t;
	draw();
}

void sr_progress_end(void)
{
	if (!pb.on)
		return;
	clear();
	sr_log_before = NULL;
	pb.on = 0;
}
