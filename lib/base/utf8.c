#include "base/utf8.h"
#include "base/err.h"

size_t sr_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	int32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = -1;
		return 1;
	}
	if (n < len) {
		*cp = -1;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = -1;
		return 1;
	}
	*cp = v;
	return len;
}

size_t sr_utf8_encode(int32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t sr_utf8_check(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t k = sr_utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			return i;
		i += k;
	}
	return n;
}

int sr_utf8_sanitize(sr_buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0; /* run: start of the pending valid span */
	int rc;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		int32_t cp;
		size_t k = c < 0x80 ? 1 : sr_utf8_decode(s + i, n - i, &cp);
		if (c < 0x80)
			cp = c;
		int keep = cp >= 0 && !(cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') && cp != 0x7F;
		if (keep) {
			i += k;
			continue;
		}
		if ((rc = sr_buf_append(out, s + run, i - run)))
			return rc;
		if (cp < 0 && (rc = sr_buf_append(out, "\xEF\xBF\xBD", 3)))
			return rc;
		i += k;
		run = i;
	}
	return sr_buf_append(out, s + run, i - run);
}
