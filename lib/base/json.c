#include "base/json.h"
#include "base/err.h"
#include "base/utf8.h"

#include <math.h>
#include <string.h>

void sr_jw_init(sr_jw *w, sr_buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void sep(sr_jw *w)
{
	if (w->rc)
		return;
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth - 1])
			w->rc = sr_buf_putc(w->out, ',');
		w->first[w->depth - 1] = 0;
	}
}

static void open_(sr_jw *w, char c)
{
	sep(w);
	if (w->rc)
		return;
	if (w->depth >= SR_JW_DEPTH) {
		w->rc = SR_ETOOBIG;
		return;
	}
	w->close[w->depth] = c == '{' ? '}' : ']';
	w->first[w->depth++] = 1;
	w->rc = sr_buf_putc(w->out, c);
}

void sr_jw_obj(sr_jw *w) { open_(w, '{'); }
void sr_jw_arr(sr_jw *w) { open_(w, '['); }

void sr_jw_end(sr_jw *w)
{
	if (w->rc)
		return;
	if (w->depth <= 0) {
		w->rc = SR_EINVAL;
		return;
	}
	w->depth--;
	w->rc = sr_buf_putc(w->out, w->close[w->depth]);
}

int sr_json_quote(sr_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	int rc = sr_buf_putc(out, '"');
	size_t i = 0, run = 0;
	while (!rc && i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0x80) {
			int32_t cp;
			size_t k = sr_utf8_decode(s + i, n - i, &cp);
			if (cp >= 0 && cp != 0x2028 && cp != 0x2029) {
				i += k;
				continue;
			}
			rc = sr_buf_append(out, s + run, i - run);
			if (!rc)
				rc = sr_buf_puts(out, cp < 0 ? "\\ufffd" : cp == 0x2028 ? "\\u2028" : "\\u2029");
			i += k;
			run = i;
			continue;
		}
		rc = sr_buf_append(out, s + run, i - run);
		if (rc)
			break;
		switch (c) {
		case '"': rc = sr_buf_puts(out, "\\\""); break;
		case '\\': rc = sr_buf_puts(out, "\\\\"); break;
		case '\n': rc = sr_buf_puts(out, "\\n"); break;
		case '\r': rc = sr_buf_puts(out, "\\r"); break;
		case '\t': rc = sr_buf_puts(out, "\\t"); break;
		default: {
			char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			rc = sr_buf_puts(out, e);
		}
		}
		i++;
		run = i;
	}
	if (!rc)
		rc = sr_buf_append(out, s + run, i - run);
	if (!rc)
		rc = sr_buf_putc(out, '"');
	return rc;
}

void sr_jw_key(sr_jw *w, const char *key)
{
	sep(w);
	if (w->rc)
		return;
	w->rc = sr_json_quote(w->out, key, strlen(key));
	if (!w->rc)
		w->rc = sr_buf_putc(w->out, ':');
	w->after_key = 1;
}

void sr_jw_strn(sr_jw *w, const char *s, size_t n)
{
	sep(w);
	if (!w->rc)
		w->rc = s ? sr_json_quote(w->out, s, n) : sr_buf_puts(w->out, "null");
}

void sr_jw_str(sr_jw *w, const char *s)
{
	sr_jw_strn(w, s, s ? strlen(s) : 0);
}

void sr_jw_int(sr_jw *w, int64_t v)
{
	sep(w);
	if (!w->rc)
		w->rc = sr_buf_appendf(w->out, "%lld", (long long)v);
}

void sr_jw_double(sr_jw *w, double v)
{
	sep(w);
	if (w->rc)
		return;
	if (!isfinite(v))
		w->rc = sr_buf_puts(w->out, "null");
	else
		w->rc = sr_buf_appendf(w->out, "%.17g", v);
}

void sr_jw_bool(sr_jw *w, int v)
{
	sep(w);
	if (!w->rc)
		w->rc = sr_buf_puts(w->out, v ? "true" : "false");
}

void sr_jw_null(sr_jw *w)
{
	sep(w);
	if (!w->rc)
		w->rc = sr_buf_puts(w->out, "null");
}

void sr_jw_raw(sr_jw *w, const char *json)
{
	sep(w);
	if (!w->rc)
		w->rc = sr_buf_puts(w->out, json ? json : "null");
}
