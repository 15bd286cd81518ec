/*
 * log.h - messages for people, on stderr.
 *
 * Every line starts with "sitrep: ".  sr_log_error for failures of one input (the run
 * goes on), sr_log_warn for something worth knowing, sr_log_info only with --verbose.
 * Thread-safe (one fputs per line).
 */
#ifndef SR_LOG_H
#define SR_LOG_H

extern int sr_log_verbose;
extern int sr_log_quiet;

void sr_log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sr_log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sr_log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Called before a message is written (e.g. to clear a progress bar). */
extern void (*sr_log_before)(void);

#endif
