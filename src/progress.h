/*
 * progress.h - a one-line progress bar on stderr, for long work on a terminal.
 *
 * Shows done/total, rate and time left; redrawn at most 10 times a second; cleared
 * before any log message (sr_log_before) so errors never mix into the bar.  Does nothing
 * when stderr is not a terminal or when disabled.
 */
#ifndef SR_PROGRESS_H
#define SR_PROGRESS_H

#include <stddef.h>

void sr_progress_start(const char *what, size_t total, int enabled);
void sr_progress_update(size_t done);
void sr_progress_end(void);

#endif
