/*
 * charset.c - charset sniffing and conversion to UTF-8 (see charset.h for the rules).
 */
#include "extract/charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "base/err.h"
#include "base/utf8.h"

typedef struct cs_entry {
	const char *name;   /* canonical, also what info->charset reports */
	const char *iconv;  /* name glibc's iconv knows */
	const char *labels; /* labels, '|' separated, lowercase */
} cs_entry;

static const cs_entry cs_table[] = {
	{"UTF-8", "UTF-8", "utf-8|utf8|unicode-1-1-utf-8|x-unicode20utf8"},
	{"UTF-16LE", "UTF-16LE", "utf-16le|utf-16|unicode|ucs-2|csunicode|unicodefeff"},
	{"UTF-16BE", "UTF-16BE", "utf-16be|unicodefffe"},
	{"windows-1252", "WINDOWS-1252",
	 "windows-1252|iso-8859-1|iso8859-1|iso_8859-1|latin1|latin-1|l1|us-ascii|ascii|"
	 "cp1252|x-cp1252|cp819|ibm819|iso-ir-100|csisolatin1|ansi_x3.4-1968|iso-8859-15|"
	 "iso8859-15|latin9|latin-9|l9|iso_8859-15|csisolatin9"},
	{"windows-1250", "WINDOWS-1250", "windows-1250|cp1250|x-cp1250"},
	{"windows-1251", "WINDOWS-1251", "windows-1251|cp1251|x-cp1251"},
	{"windows-1253", "WINDOWS-1253", "windows-1253|cp1253|x-cp1253"},
	{"windows-1254", "WINDOWS-1254",
	 "windows-1254|cp1254|x-cp1254|iso-8859-9|iso8859-9|latin5|l5|iso_8859-9"},
	{"windows-1255", "WINDOWS-1255", "windows-1255|cp1255|x-cp1255"},
	{"windows-1256", "WINDOWS-1256", "windows-1256|cp1256|x-cp1256"},
	{"windows-1257", "WINDOWS-1257", "windows-1257|cp1257|x-cp1257"},
	{"windows-1258", "WINDOWS-1258", "windows-1258|cp1258|x-cp1258"},
	{"windows-874", "CP874", "windows-874|tis-620|iso-8859-11|dos-874|cp874"},
	{"ISO-8859-2", "ISO-8859-2", "iso-8859-2|iso8859-2|latin2|l2|iso_8859-2|csisolatin2"},
	{"ISO-8859-3", "ISO-8859-3", "iso-8859-3|iso8859-3|latin3|l3"},
	{"ISO-8859-4", "ISO-8859-4", "iso-8859-4|iso8859-4|latin4|l4"},
	{"ISO-8859-5", "ISO-8859-5", "iso-8859-5|iso8859-5|cyrillic|iso_8859-5"},
	{"ISO-8859-6", "ISO-8859-6", "iso-8859-6|iso8859-6|arabic|iso_8859-6|asmo-708"},
	{"ISO-8859-7", "ISO-8859-7", "iso-8859-7|iso8859-7|greek|iso_8859-7"},
	{"ISO-8859-8", "ISO-8859-8", "iso-8859-8|iso8859-8|hebrew|iso_8859-8|iso-8859-8-i"},
	{"ISO-8859-10", "ISO-8859-10", "iso-8859-10|iso8859-10|latin6"},
	{"ISO-8859-13", "ISO-8859-13", "iso-8859-13|iso8859-13"},
	{"ISO-8859-14", "ISO-8859-14", "iso-8859-14|iso8859-14"},
	{"ISO-8859-16", "ISO-8859-16", "iso-8859-16|iso8859-16"},
	{"KOI8-R", "KOI8-R", "koi8-r|koi8r|koi8|cskoi8r"},
	{"KOI8-U", "KOI8-U", "koi8-u|koi8-ru"},
	{"IBM866", "IBM866", "ibm866|cp866|866|csibm866"},
	{"macintosh", "MACINTOSH", "macintosh|mac|x-mac-roman|csmacintosh"},
	{"GB18030", "GB18030", "gb18030|gbk|gb2312|x-gbk|chinese|csgb2312|euc-cn|cp936|gb_2312-80"},
	{"Big5", "BIG5-HKSCS", "big5|big5-hkscs|cn-big5|x-x-big5|csbig5"},
	{"EUC-JP", "EUC-JP", "euc-jp|x-euc-jp|cseucpkdfmtjapanese"},
	{"Shift_JIS", "CP932", "shift_jis|shift-jis|sjis|x-sjis|ms_kanji|windows-31j|csshiftjis|cp932"},
	{"ISO-2022-JP", "ISO-2022-JP", "iso-2022-jp|csiso2022jp"},
	{"EUC-KR", "CP949", "euc-kr|ks_c_5601-1987|windows-949|cseuckr|korean|cp949"},
};

#define CS_UTF8 (&cs_table[0])
#define CS_1252 (&cs_table[3])

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static const cs_entry *cs_find(const char *label, size_t n)
{
	while (n > 0 && (*label == ' ' || *label == '"' || *label == '\'' || *label == '\t')) {
		label++;
		n--;
	}
	while (n > 0 && (label[n - 1] == ' ' || label[n - 1] == '"' || label[n - 1] == '\'' ||
			 label[n - 1] == ';' || label[n - 1] == '\t'))
		n--;
	if (n == 0 || n > 40)
		return NULL;
	for (size_t i = 0; i < sizeof(cs_table) / sizeof(cs_table[0]); i++) {
		const char *p = cs_table[i].labels;
		while (*p) {
			const char *e = strchr(p, '|');
			size_t m = e ? (size_t)(e - p) : strlen(p);
			if (m == n) {
				size_t k = 0;
				while (k < n && lc((unsigned char)label[k]) == p[k])
					k++;
				if (k == n)
					return &cs_table[i];
			}
			p += m;
			if (*p == '|')
				p++;
		}
	}
	return NULL;
}

const char *sr_charset_canonical(const char *label, size_t n)
{
	const cs_entry *e = cs_find(label, n);
	return e ? e->name : NULL;
}

static const cs_entry *cs_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(cs_table) / sizeof(cs_table[0]); i++)
		if (strcmp(cs_table[i].name, name) == 0)
			return &cs_table[i];
	return NULL;
}

/* Case-insensitive search for an ASCII needle in s[0..n). */
static const char *ci_find(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m > n)
		return NULL;
	for (size_t i = 0; i + m <= n; i++) {
		if (lc((unsigned char)s[i]) != needle[0])
			continue;
		size_t k = 1;
		while (k < m && lc((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == m)
			return s + i;
	}
	return NULL;
}

/* "charset=xyz" inside s[0..n): the label's extent. */
static const cs_entry *charset_param(const char *s, size_t n)
{
	const char *p = ci_find(s, n, "charset");
	if (!p)
		return NULL;
	const char *e = s + n;
	p += 7;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= e || *p != '=')
		return NULL;
	p++;
	while (p < e && (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t'))
		p++;
	const char *q = p;
	while (q < e && *q != '"' && *q != '\'' && *q != ';' && *q != ' ' && *q != '>' &&
	       *q != '/' && *q != ',')
		q++;
	return cs_find(p, (size_t)(q - p));
}

/* Value of attribute name in a tag s[0..n) (s just after "<meta"); NULL when absent. */
static const char *tag_attr(const char *s, size_t n, const char *name, size_t *vlen)
{
	size_t m = strlen(name);
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
				 s[i] == '/'))
			i++;
		size_t ns = i;
		while (i < n && s[i] != '=' && s[i] != ' ' && s[i] != '>' && s[i] != '\t' &&
		       s[i] != '\n' && s[i] != '\r' && s[i] != '/')
			i++;
		size_t nl = i - ns;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		const char *v = NULL;
		size_t vl = 0;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char qc = s[i++];
				v = s + i;
				while (i < n && s[i] != qc)
					i++;
				vl = (size_t)(s + i - v);
				if (i < n)
					i++;
			} else {
				v = s + i;
				while (i < n && s[i] != ' ' && s[i] != '>' && s[i] != '\t' &&
				       s[i] != '\n')
					i++;
				vl = (size_t)(s + i - v);
			}
		} else if (nl == 0) {
			i++;
			continue;
		}
		if (nl == m) {
			size_t k = 0;
			while (k < m && lc((unsigned char)s[ns + k]) == name[k])
				k++;
			if (k == m) {
				*vlen = vl;
				return v ? v : s + ns;
			}
		}
	}
	return NULL;
}

/* Prescan of the document head for a charset declaration. */
static const cs_entry *prescan(const char *s, size_t n, const char **lang, size_t *lang_len)
{
	if (n > 65536)
		n = 65536;
	const char *e = s + n;
	const char *p = s;
	/* XML declaration */
	if (n > 5 && memcmp(s, "<?xml", 5) == 0) {
		const char *q = memchr(s, '>', n);
		if (q) {
			size_t vl;
			const char *v = tag_attr(s + 5, (size_t)(q - s - 5), "encoding", &vl);
			if (v) {
				const cs_entry *c = cs_find(v, vl);
				if (c)
					return c;
			}
		}
	}
	while (p < e && (p = memchr(p, '<', (size_t)(e - p))) != NULL) {
		p++;
		if (e - p >= 3 && memcmp(p, "!--", 3) == 0) {
			const char *q = ci_find(p, (size_t)(e - p), "-->");
			if (!q)
				break;
			p = q + 3;
			continue;
		}
		const char *q = memchr(p, '>', (size_t)(e - p));
		if (!q)
			break;
		size_t tl = (size_t)(q - p);
		if (tl >= 5 && lc((unsigned char)p[0]) == 'm' && lc((unsigned char)p[1]) == 'e' &&
		    lc((unsigned char)p[2]) == 't' && lc((unsigned char)p[3]) == 'a') {
			size_t vl;
			const char *v = tag_attr(p + 4, tl - 4, "charset", &vl);
			if (v) {
				const cs_entry *c = cs_find(v, vl);
				if (c)
					return c;
			}
			v = tag_attr(p + 4, tl - 4, "http-equiv", &vl);
			if (v && vl >= 12 && ci_find(v, vl, "content-type")) {
				v = tag_attr(p + 4, tl - 4, "content", &vl);
				if (v) {
					const cs_entry *c = charset_param(v, vl);
					if (c)
						return c;
				}
			} else if (v && ci_find(v, vl, "content-language") && lang && !*lang) {
				v = tag_attr(p + 4, tl - 4, "content", &vl);
				if (v) {
					*lang = v;
					*lang_len = vl;
				}
			}
		} else if (tl >= 4 && lc((unsigned char)p[0]) == 'h' &&
			   lc((unsigned char)p[1]) == 't' && lc((unsigned char)p[2]) == 'm' &&
			   lc((unsigned char)p[3]) == 'l' && lang) {
			size_t vl;
			const char *v = tag_attr(p + 4, tl - 4, "lang", &vl);
			if (v && vl >= 2) {
				*lang = v;
				*lang_len = vl;
			}
		} else if (tl >= 4 && lc((unsigned char)p[0]) == 'b' &&
			   lc((unsigned char)p[1]) == 'o' && lc((unsigned char)p[2]) == 'd' &&
			   lc((unsigned char)p[3]) == 'y') {
			break; /* declarations belong in the head */
		}
		p = q + 1;
	}
	return NULL;
}

/* Counts of valid multi-byte sequences and invalid sequences in UTF-8. */
static void utf8_stats(const char *s, size_t n, size_t *multi, size_t *bad, size_t *first_bad)
{
	size_t i = 0;
	*multi = *bad = 0;
	*first_bad = n;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t k = sr_utf8_decode(s + i, n - i, &cp);
		if (cp < 0) {
			if (*bad == 0)
				*first_bad = i;
			(*bad)++;
		} else {
			(*multi)++;
		}
		i += k;
	}
}

/* A legacy charset for undeclared non-UTF-8 bytes: from the language, else statistics. */
static const cs_entry *guess_legacy(const char *s, size_t n, const char *lang, size_t lang_len)
{
	if (lang && lang_len >= 2) {
		char l0 = (char)lc((unsigned char)lang[0]), l1 = (char)lc((unsigned char)lang[1]);
		static const struct {
			char l[3];
			const char *cs;
		} by_lang[] = {
			{"ar", "windows-1256"}, {"fa", "windows-1256"}, {"ur", "windows-1256"},
			{"ru", "windows-1251"}, {"uk", "windows-1251"}, {"bg", "windows-1251"},
			{"sr", "windows-1251"}, {"mk", "windows-1251"}, {"be", "windows-1251"},
			{"el", "windows-1253"}, {"tr", "windows-1254"}, {"he", "windows-1255"},
			{"iw", "windows-1255"}, {"pl", "windows-1250"}, {"cs", "windows-1250"},
			{"sk", "windows-1250"}, {"hu", "windows-1250"}, {"sl", "windows-1250"},
			{"hr", "windows-1250"}, {"ro", "windows-1250"}, {"lt", "windows-1257"},
			{"lv", "windows-1257"}, {"et", "windows-1257"}, {"vi", "windows-1258"},
			{"th", "windows-874"}, {"zh", "GB18030"}, {"ja", "Shift_JIS"},
			{"ko", "EUC-KR"},
		};
		for (size_t i = 0; i < sizeof(by_lang) / sizeof(by_lang[0]); i++)
			if (by_lang[i].l[0] == l0 && by_lang[i].l[1] == l1) {
				if (l0 == 'z' && lang_len >= 5 &&
				    (ci_find(lang, lang_len, "tw") || ci_find(lang, lang_len, "hk") ||
				     ci_find(lang, lang_len, "hant")))
					return cs_by_name("Big5");
				return cs_by_name(by_lang[i].cs);
			}
	}
	/* Statistics over the high bytes: text in Cyrillic or Arabic single-byte charsets is
	 * mostly high bytes in runs (whole words), Latin text has isolated ones. */
	size_t hi = 0, runs = 0, ascii_letters = 0, c0xe0 = 0;
	size_t lim = n > 262144 ? 262144 : n;
	int in_tag = 0;
	for (size_t i = 0; i < lim; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '<')
			in_tag = 1;
		else if (c == '>')
			in_tag = 0;
		if (in_tag)
			continue;
		if (c >= 0x80) {
			hi++;
			if (c >= 0xE0)
				c0xe0++;
			if (i + 1 < lim && (unsigned char)s[i + 1] >= 0x80)
				runs++;
		} else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
			ascii_letters++;
		}
	}
	if (hi > 50 && hi > ascii_letters && runs * 2 > hi) {
		/* mostly non-Latin script in a single-byte charset: Cyrillic letters sit mainly
		 * in 0xC0-0xFF for windows-1251; Arabic in windows-1256 also uses 0xC0-0xFF, and
		 * its words often carry 0xC7 (alef) and 0xE1 (lam). */
		size_t alef = 0, lam = 0;
		for (size_t i = 0; i < lim; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == 0xC7)
				alef++;
			else if (c == 0xE1)
				lam++;
		}
		if (alef * 20 > hi && lam * 20 > hi)
			return cs_by_name("windows-1256");
		return cs_by_name("windows-1251");
	}
	(void)c0xe0;
	return CS_1252;
}

const char *sr_charset_detect(const char *bytes, size_t len, const char *content_type,
			      int is_html, size_t *bom_len)
{
	*bom_len = 0;
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		*bom_len = 3;
		return "UTF-8";
	}
	if (len >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0) {
		*bom_len = 2;
		return "UTF-16LE";
	}
	if (len >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0) {
		*bom_len = 2;
		return "UTF-16BE";
	}
	const cs_entry *declared = NULL;
	if (content_type)
		declared = charset_param(content_type, strlen(content_type));
	const char *lang = NULL;
	size_t lang_len = 0;
	if (is_html) {
		const cs_entry *meta = prescan(bytes, len, &lang, &lang_len);
		if (!declared)
			declared = meta;
	}
	/* a UTF-16 label on bytes without a BOM: HTML says UTF-8 (the label cannot be true
	 * for a document whose ASCII declaration we just read) */
	if (declared && (strcmp(declared->name, "UTF-16LE") == 0 ||
			 strcmp(declared->name, "UTF-16BE") == 0))
		declared = CS_UTF8;
	size_t multi, bad, first_bad;
	utf8_stats(bytes, len, &multi, &bad, &first_bad);
	if (declared) {
		if (declared == CS_UTF8) {
			if (bad == 0 || multi > 0)
				return "UTF-8";
			return guess_legacy(bytes, len, lang, lang_len)->name;
		}
		/* a single-byte label on bytes that are clearly UTF-8 */
		if (bad == 0 && multi >= 2 && strcmp(declared->name, "ISO-2022-JP") != 0)
			return "UTF-8";
		return declared->name;
	}
	if (bad == 0)
		return "UTF-8";
	if (multi > bad * 4)
		return "UTF-8"; /* UTF-8 with a few broken bytes */
	return guess_legacy(bytes, len, lang, lang_len)->name;
}

static int put_replacement(sr_buf *out)
{
	return sr_buf_append(out, "\xEF\xBF\xBD", 3);
}

int sr_charset_to_utf8(const char *bytes, size_t len, const char *charset, sr_buf *out)
{
	if (strcmp(charset, "UTF-8") == 0)
		return sr_utf8_sanitize(out, bytes, len);
	const cs_entry *e = cs_by_name(charset);
	if (!e)
		return SR_EENCODING;
	iconv_t cd = iconv_open("UTF-8", e->iconv);
	if (cd == (iconv_t)-1)
		return SR_EENCODING;
	int rc = SR_OK;
	char tmp[8192];
	char *in = (char *)bytes;
	size_t inleft = len;
	while (inleft > 0) {
		char *o = tmp;
		size_t oleft = sizeof(tmp);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		int err = r == (size_t)-1 ? errno : 0;
		if (o > tmp && (rc = sr_utf8_sanitize(out, tmp, (size_t)(o - tmp))))
			goto out;
		if (err == EILSEQ || err == EINVAL) {
			if ((rc = put_replacement(out)))
				goto out;
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
		} else if (err && err != E2BIG) {
			rc = SR_EENCODING;
			goto out;
		}
	}
	/* flush a stateful encoder (ISO-2022-JP) */
	{
		char *o = tmp;
		size_t oleft = sizeof(tmp);
		iconv(cd, NULL, NULL, &o, &oleft);
		if (o > tmp)
			rc = sr_utf8_sanitize(out, tmp, (size_t)(o - tmp));
	}
out:
	iconv_close(cd);
	return rc;
}
