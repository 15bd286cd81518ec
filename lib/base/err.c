#include "base/err.h"

const char *sr_strerror(int rc)
{
	switch (rc) {
	case SR_OK: return "ok";
	case SR_ENOMEM: return "out of memory";
	case SR_ETOOBIG: return "too large";
	case SR_EIO: return "I/O error";
	case SR_EPARSE: return "malformed input";
	case SR_EINVAL: return "invalid argument";
	case SR_EEMPTY: return "empty input";
	case SR_EBINARY: return "binary data, not text";
	case SR_EENCODING: return "invalid character encoding";
	case SR_EDB: return "database error";
	case SR_ENOTFOUND: return "not found";
	case SR_EINTR: return "interrupted";
	}
	return "unknown error";
}
