#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>

int sr_log_verbose;
int sr_log_quiet;
void (*sr_log_before)(void);

__attribute__((format(printf, 2, 0)))
static void vlog(const char *kind, const char *fmt, va_list ap)
{
	char line[2048];
	int n = snprintf(line, sizeof(line), "sitrep: %s", kind);
	if (n < 0)
		return;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (sr_log_before)
		sr_log_before();
	fprintf(stderr, "%s\n", line);
}

void sr_log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void sr_log_warn(const char *fmt, ...)
{
	if (sr_log_quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

void sr_log_info(const char *fmt, ...)
{
	if (!sr_log_verbose)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}
