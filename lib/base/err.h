/*
 * err.h - the error codes every sitrep function returns.
 *
 * Functions return int: SR_OK (0) on success, a negative SR_E* code on failure.  Out of
 * memory is an error code, never an abort (only the CLI's top level may exit).  A parser
 * or writer keeps a sticky rc in its context so that a chain of calls stops doing work
 * after the first failure.
 */
#ifndef SR_ERR_H
#define SR_ERR_H

enum sr_rc {
	SR_OK = 0,
	SR_ENOMEM = -1,    /* allocation failed */
	SR_ETOOBIG = -2,   /* input or buffer over its configured cap */
	SR_EIO = -3,       /* read/write/open failed (see errno) */
	SR_EPARSE = -4,    /* malformed input */
	SR_EINVAL = -5,    /* bad argument */
	SR_EEMPTY = -6,    /* empty input */
	SR_EBINARY = -7,   /* input is not text */
	SR_EENCODING = -8, /* invalid or unsupported character encoding */
	SR_EDB = -9,       /* SQLite reported an error */
	SR_ENOTFOUND = -10,/* no such item */
	SR_EINTR = -11,    /* interrupted by a signal */
};

/* A short English description of rc ("out of memory", "input too large", ...). */
const char *sr_strerror(int rc);

#endif
