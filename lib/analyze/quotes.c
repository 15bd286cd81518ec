/*
 * quotes.c - direct quotes and their speakers (see quotes.h and docs/QUOTES.md).
 *
 * Three passes, each linear:
 *   1. paragraphs (blocks): spans between blank lines;
 *   2. quote marks paired inside each block (a quote open at the end of its block ends there);
 *   3. for each quote, the clause after its closing mark and the clause before its opening
 *      mark (each cut at a sentence end, at the neighbouring quote and at 400 bytes) are split
 *      into small tokens and read for a speech verb and its subject; then the shape rules
 *      (scare quotes, titles of works) and the inheritance and pronoun rules are applied.
 */
#include "analyze/quotes.h"

#include <stdint.h>
#include <string.h>

#include "base/err.h"

#define CLAUSE_MAX 400 /* bytes an attribution clause may reach from its quote */
#define NTOK 160        /* tokens of one clause */
#define MENTIONS_MAX 64 /* mentions looked at for one pronoun or inheritance */

/* ---- characters ---------------------------------------------------------------------- */

enum { M_NONE, M_STRAIGHT, M_COPEN, M_CCLOSE, M_LOW, M_GOPEN, M_GCLOSE };

/* The quote mark at t[i] (and its length in *ml), or M_NONE. */
static int mark_at(const unsigned char *t, size_t i, size_t len, size_t *ml)
{
	if (t[i] == '"') {
		*ml = 1;
		return M_STRAIGHT;
	}
	if (t[i] == 0xC2 && i + 1 < len) {
		*ml = 2;
		if (t[i + 1] == 0xAB)
			return M_GOPEN;
		if (t[i + 1] == 0xBB)
			return M_GCLOSE;
		return M_NONE;
	}
	if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80) {
		*ml = 3;
		if (t[i + 2] == 0x9C)
			return M_COPEN;
		if (t[i + 2] == 0x9D)
			return M_CCLOSE;
		if (t[i + 2] == 0x9E)
			return M_LOW;
	}
	return M_NONE;
}

/* Length of the white-space character at t[i] (ASCII, no-break and thin spaces), or 0. */
static size_t ws_at(const unsigned char *t, size_t i, size_t len)
{
	if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')
		return 1;
	if (t[i] == 0xC2 && i + 1 < len && t[i + 1] == 0xA0)
		return 2;
	if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80 &&
	    (t[i + 2] == 0xAF || t[i + 2] == 0x89 || t[i + 2] == 0x8A))
		return 3;
	return 0;
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Length of a punctuation character at t[i] that is not a word character (ASCII
 * punctuation, General Punctuation U+2000..U+206F, guillemets, no-break space, Arabic comma,
 * semicolon, question mark and full stop), or 0 for a word byte. */
static size_t punct_at(const unsigned char *t, size_t i, size_t len)
{
	unsigned char c = t[i];
	if (c < 0x80)
		return is_alnum(c) ? 0 : 1;
	if (c == 0xC2 && i + 1 < len && (t[i + 1] == 0xAB || t[i + 1] == 0xBB || t[i + 1] == 0xA0))
		return 2;
	if (c == 0xD8 && i + 1 < len && (t[i + 1] == 0x8C || t[i + 1] == 0x9B || t[i + 1] == 0x9F))
		return 2;
	if (c == 0xDB && i + 1 < len && t[i + 1] == 0x94)
		return 2;
	if (c == 0xE2 && i + 2 < len && t[i + 1] == 0x80)
		return 3;
	return 0;
}

static size_t back_char(const unsigned char *t, size_t i)
{
	/* start of the character ending just before t[i] (i > 0) */
	size_t j = i - 1;
	while (j > 0 && (t[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return j;
}

static int is_end_punct(unsigned char c) { return c == '.' || c == '!' || c == '?'; }

/* ---- blocks and raw quotes --------------------------------------------------------------- */

typedef struct span {
	size_t s, e;
} span;

typedef struct rawq {
	size_t mo;    /* opening mark */
	size_t s, e;  /* quoted text, trimmed */
	size_t after; /* first byte after the closing mark (== block end when unclosed) */
	size_t blk;   /* block index */
	int unclosed;
} rawq;

/* Blocks: maximal spans without a blank line.  Returns the count; fills b when not NULL. */
static size_t blocks(const unsigned char *t, size_t len, span *b)
{
	size_t n = 0, i = 0;
	while (i < len) {
		/* skip white space, blank lines included */
		while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
			i++;
		if (i >= len)
			break;
		size_t s = i, e = i;
		while (i < len) {
			if (t[i] == '\n') {
				size_t j = i + 1;
				while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
					j++;
				if (j >= len || t[j] == '\n')
					break;
			}
			i++;
			unsigned char pc = t[i - 1];
			if (pc != ' ' && pc != '\t' && pc != '\r' && pc != '\n')
				e = i;
		}
		if (b)
			b[n] = (span){ s, e };
		n++;
	}
	return n;
}

static void trim(const unsigned char *t, size_t len, size_t *s, size_t *e)
{
	size_t w;
	while (*s < *e && (w = ws_at(t, *s, len)) != 0)
		*s += w;
	while (*e > *s) {
		size_t j = back_char(t, *e);
		if (j < *s || !ws_at(t, j, len))
			break;
		*e = j;
	}
}

/* Pair the quote marks of block b (index bi); appends to q (capacity known to suffice). */
static size_t pair_block(const unsigned char *t, size_t len, span b, size_t bi, rawq *q, size_t n)
{
	int open = M_NONE;
	size_t mo = 0, cs = 0;
	for (size_t i = b.s; i < b.e;) {
		size_t ml = 1;
		int m = mark_at(t, i, len, &ml);
		if (m == M_NONE) {
			i++;
			continue;
		}
		if (open == M_NONE) {
			int opens = m == M_COPEN || m == M_LOW || m == M_GOPEN;
			/* a straight quote after a digit is an inch or seconds mark */
			/* a straight quote opens when it hugs the text after it; after a digit it
			 * is an inch or seconds mark */
			if (m == M_STRAIGHT && !(i > b.s && t[i - 1] >= '0' && t[i - 1] <= '9') &&
			    i + 1 < b.e && !ws_at(t, i + 1, len))
				opens = 1;
			if (opens) {
				open = m;
				mo = i;
				cs = i + ml;
			}
		} else {
			int closes = (open == M_STRAIGHT && m == M_STRAIGHT) ||
				     (open == M_COPEN && m == M_CCLOSE) ||
				     (open == M_LOW && (m == M_COPEN || m == M_CCLOSE)) ||
				     (open == M_GOPEN && m == M_GCLOSE);
			if (closes) {
				rawq r = { mo, cs, i, i + ml, bi, 0 };
				trim(t, len, &r.s, &r.e);
				if (r.e > r.s)
					q[n++] = r;
				open = M_NONE;
			}
		}
		i += ml;
	}
	if (open != M_NONE) {
		rawq r = { mo, cs, b.e, b.e, bi, 1 };
		trim(t, len, &r.s, &r.e);
		if (r.e > r.s)
			q[n++] = r;
	}
	return n;
}

/* ---- sentences ----------------------------------------------------------------------------- */

/* Start of the sentence holding position p, not before lo. */
static size_t sent_start(const unsigned char *t, size_t lo, size_t p)
{
	for (size_t i = p; i > lo; i--) {
		size_t k = i - 1;
		if (is_end_punct(t[k]) && k + 1 < p && (t[k + 1] == ' ' || t[k + 1] == '\n'))
			return k + 1;
	}
	return lo;
}

/* End of the sentence holding position p (exclusive, before its final punctuation), not
 * after hi. */
static size_t sent_end(const unsigned char *t, size_t p, size_t hi)
{
	for (size_t i = p; i < hi; i++)
		if ((is_end_punct(t[i]) || t[i] == ';') &&
		    (i + 1 >= hi || t[i + 1] == ' ' || t[i + 1] == '\n'))
			return i;
	return hi;
}

/* ---- tokens of a clause ------------------------------------------------------------------ */

enum { T_WORD, T_COMMA, T_COLON, T_OTHER };

typedef struct tok {
	size_t s, e;
	int type;
} tok;

/* Split t[lo..hi) into words and punctuation; keeps the last NTOK tokens when keep_last,
 * else the first NTOK. */
static size_t lex(const unsigned char *t, size_t len, size_t lo, size_t hi, tok *out, int keep_last)
{
	size_t n = 0;
	size_t i = lo;
	while (i < hi) {
		size_t w = ws_at(t, i, len);
		if (w) {
			i += w;
			continue;
		}
		tok k;
		size_t p = punct_at(t, i, len);
		if (p) {
			k.s = i;
			k.e = i + p < hi ? i + p : hi;
			k.type = T_OTHER;
			if (t[i] == ',' || (t[i] == 0xD8 && p == 2 && t[i + 1] == 0x8C))
				k.type = T_COMMA;
			else if (t[i] == ':')
				k.type = T_COLON;
			i = k.e;
		} else {
			k.s = i;
			while (i < hi) {
				size_t q = punct_at(t, i, len);
				if (!q) {
					i++;
					continue;
				}
				/* apostrophes, hyphens and dots inside a word */
				int inner = (t[i] == '\'' || t[i] == '-' || t[i] == '.' ||
					     (q == 3 && t[i + 2] == 0x99));
				if (inner && i + q < hi && !punct_at(t, i + q, len) &&
				    !ws_at(t, i + q, len) && i > k.s) {
					i += q;
					continue;
				}
				break;
			}
			k.e = i;
			k.type = T_WORD;
		}
		if (n < NTOK) {
			out[n++] = k;
		} else if (keep_last) {
			memmove(out, out + 1, (NTOK - 1) * sizeof *out);
			out[NTOK - 1] = k;
		} else {
			break;
		}
	}
	return n;
}

/* ---- word lists ------------------------------------------------------------------------------ */

static int eqw(const unsigned char *t, const tok *k, const char *w)
{
	size_t n = strlen(w);
	return k->e - k->s == n && memcmp(t + k->s, w, n) == 0;
}

/* case-insensitive (ASCII) */
static int eqwi(const unsigned char *t, const tok *k, const char *w)
{
	size_t n = strlen(w);
	if (k->e - k->s != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = t[k->s + i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

static int in_list(const unsigned char *t, const tok *k, const char *const *list, int ci)
{
	if (k->type != T_WORD)
		return 0;
	for (size_t i = 0; list[i]; i++)
		if (ci ? eqwi(t, k, list[i]) : eqw(t, k, list[i]))
			return 1;
	return 0;
}

/* Speech verbs whose subject stands before them (or after, when nothing stands before). */
static const char *const verbs_sv[] = {
	"said", "says", "say", "told", "tells", "added", "adds", "warned", "warns", "explained",
	"explains", "stated", "insisted", "insists", "argued", "argues", "claimed", "claims",
	"noted", "continued", "asked", "asks", "replied", "replies", "admitted", "admits",
	"commented", "suggested", "suggests", "declared", "declares", "announced",
	"acknowledged", "stressed", "stresses", "urged", "urges", "recalled", "recalls", "wrote",
	"writes", "saying", "adding", "warn", "add", "insist", "claim", "explain", "quipped",
	"joked", "conceded", "concedes", "confirmed",
	"predicted", "predicts", "revealed", "responded", "remarked", "observed", "maintained",
	"tweeted", "concluded", "cautioned", "vowed", "agreed", "agrees", "believes", "reckons",
	"reckoned", "insisting", "warning", "explaining", "telling",
	/* French */
	"déclaré", "dit", "affirmé", "ajouté", "expliqué", "estimé", "souligné", "indiqué",
	"assuré", "précisé", "déclare", "affirme", "ajoute", "explique", "estime", "souligne",
	"indique", "assure", "précise", "lancé", "martelé", "prévenu", NULL
};

/* Arabic speech verbs: verb-subject order. */
static const char *const verbs_vs[] = {
	"قال", "وقال", "قالت", "وقالت", "يقول", "ويقول", "تقول", "وتقول", "أضاف", "وأضاف",
	"أضافت", "وأضافت", "أكد", "وأكد", "أكدت", "وأكدت", "صرح", "وصرح", "أوضح", "وأوضح",
	"أوضحت", "وأوضحت", "تابع", "وتابع", NULL
};

/* "according to X", "selon X", "حسب X": the speaker follows. */
static const char *const preps[] = { "selon", "Selon", "حسب", "بحسب", "وبحسب", NULL };

static const char *const pron_sing[] = { "he", "she", "He", "She", "il", "elle", "Il", "Elle",
					 NULL };
static const char *const pron_plur[] = { "they", "we", "They", "We", "ils", "elles", "Ils",
					 "Elles", "I", "it", "It", NULL };

/* Conjunctions that may open a clause before a verb without being its subject. */
static const char *const conjs[] = { "and", "but", "so", "then", "And", "But", "So", "Then",
				    "et", "mais", "Et", "Mais", NULL };

/* Words that may stand between a subject and its verb ("X also said", "X a déclaré"). */
static const char *const aux[] = { "also", "later", "then", "has", "had", "have", "was", "is",
				   "will", "would", "earlier", "previously", "recently", "once",
				   "again", "further", "just", "a", "ont", "avait", "avaient",
				   "aussi", "simply", "yesterday", "today", "went", "on", "to",
				   "go", "goes", "going", NULL };

/* Title words: a capitalised name run keeps only the words after the last of them. */
static const char *const titles[] = {
	"president", "prime", "minister", "secretary", "secretary-general", "general",
	"chancellor", "chairman", "chairwoman", "chair", "chief", "executive", "director",
	"governor", "senator", "mayor", "spokesman", "spokeswoman", "spokesperson", "ambassador",
	"king", "queen", "prince", "princess", "pope", "judge", "coach", "manager", "boss",
	"captain", "leader", "commissioner", "deputy", "vice", "foreign", "home", "defence",
	"defense", "finance", "health", "interior", "economy", "trade", "justice", "education",
	"culture", "energy", "environment", "transport", "sheikh", "emir", "sultan", "officer",
	"head", "founder", "professor", "analyst", "economist", "striker", "midfielder",
	"defender", "goalkeeper", "player", "star", "singer", "actor", "actress", "producer",
	"director-general", "vice-president", "chief-executive", "md", "ceo", "mp", "mep",
	"senior", "junior", "shadow", "party", "minister", "rep", "sen", "gov", "gen", "col",
	"lt", "sgt", "superintendent", "inspector", "detective", "constable", "officials",
	"official", "correspondent", "editor", "reporter", "president-elect", "premier",
	"commander", "colonel", "lieutenant", "sergeant", "bishop", "archbishop", "supt",
	"acting", "det", NULL
};

/* Capitalised words that open a clause without being part of a name. */
static const char *const not_name[] = {
	"the", "a", "an", "but", "and", "however", "meanwhile", "yet", "now", "then", "also",
	"still", "in", "on", "at", "speaking", "asked", "writing", "so", "while", "when",
	"after", "before", "last", "this", "that", "it", "its", "there", "here", "his", "her",
	"their", "our", "my", "as", "for", "with", "from", "by", "of", "to", "although",
	"though", "because", "if", "instead", "indeed", "moreover", "later", "earlier",
	"today", "yesterday", "on", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "mais", "et", "le", "la", "les", "un", "une", NULL
};

static const char *const name_particles[] = { "de", "van", "von", "bin", "al", "der", "la",
					      "le", "du", "da", "dos", "di", "ibn", "el", NULL };

static const char *const dets[] = { "the", "a", "an", "his", "her", "its", "their", "one",
				    "another", "our", "my", "some", "le", "la", "les", "un",
				    "une", "l'", NULL };
static const char *const clause_words[] = { "that", "as", "which", "who", "whom", "whose",
					    "when", "where", "if", "because", "que", "qui", NULL };
static const char *const preps_np[] = { "for", "of", "at", "from", "with", "in", "de", "du",
					"des", NULL };

static int is_cap(const unsigned char *t, const tok *k)
{
	unsigned char c = t[k->s];
	return (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC5 && k->e > k->s + 1 &&
					   t[k->s + 1] >= 0x80 && t[k->s + 1] <= 0x9E);
}

static int is_lower_start(const unsigned char *t, const tok *k)
{
	unsigned char c = t[k->s];
	return c >= 'a' && c <= 'z';
}

static int is_ly(const unsigned char *t, const tok *k)
{
	return k->type == T_WORD && k->e - k->s > 3 && t[k->e - 2] == 'l' && t[k->e - 1] == 'y' &&
	       is_lower_start(t, k);
}

/* ---- the search context ------------------------------------------------------------------ */

typedef struct ctx {
	const unsigned char *t;
	size_t len;
	const sr_person_mention *pm;
	size_t npm;
	const rawq *rq;
	size_t nrq;
	const span *blk;
	size_t nblk;
} ctx;

/* Index of the first mention with start >= p. */
static size_t pm_lower(const ctx *c, size_t p)
{
	size_t lo = 0, hi = c->npm;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->pm[mid].start < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether p lies inside the text of a raw quote. */
static int in_quote(const ctx *c, size_t p)
{
	size_t lo = 0, hi = c->nrq;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->rq[mid].mo <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && p >= c->rq[lo - 1].s && p < c->rq[lo - 1].e;
}

static size_t block_of(const ctx *c, size_t p)
{
	size_t lo = 0, hi = c->nblk;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->blk[mid].s <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

/* The mention inside [a, b): the last one (closest to a verb after it) when last, else the
 * first; -1 when none. */
static long pm_in(const ctx *c, size_t a, size_t b, int last)
{
	long found = -1;
	for (size_t i = pm_lower(c, a); i < c->npm && c->pm[i].start < b; i++) {
		if (c->pm[i].end > b || c->pm[i].end <= c->pm[i].start)
			continue;
		found = (long)i;
		if (!last)
			break;
	}
	return found;
}

/* A speaker found at an attribution. */
typedef struct who {
	size_t s, e;       /* speaker span */
	size_t ns, ne;     /* name span (0,0: none) */
	int entity;
	int pronoun;       /* 1 singular (resolvable), 2 plural/other, 3 implicit (Arabic verb) */
} who;

/* Whether tokens k[a..b) are a name: capitalised words (name particles inside) that keep
 * something once clause openers and title words are taken off. */
static int is_name_seg(const unsigned char *t, const tok *k, size_t a, size_t b)
{
	while (a < b && in_list(t, &k[a], not_name, 1))
		a++;
	if (a >= b)
		return 0;
	size_t ns = a;
	for (size_t i = a; i < b; i++) {
		if (!is_cap(t, &k[i]) && !(i > a && in_list(t, &k[i], name_particles, 0)))
			return 0;
		if (in_list(t, &k[i], titles, 1))
			ns = i + 1;
	}
	return ns < b;
}

/* Whether a segment starting with k looks like an apposition: a determiner, a lower-case word
 * or a title word. */
static int appositive(const unsigned char *t, const tok *k)
{
	return in_list(t, k, dets, 1) || is_lower_start(t, k) || in_list(t, k, titles, 1);
}

/* The speaker named by tokens k[a..b) (subject before a verb when before, else after one):
 * a mention, a pronoun, a capitalised name less its titles, or a noun phrase.  0 if none. */
static int subject(const ctx *c, const tok *k, size_t a, size_t b, int before, who *w)
{
	const unsigned char *t = c->t;
	memset(w, 0, sizeof *w);
	w->entity = -1;
	if (a >= b)
		return 0;
	if (before) {
		/* skip auxiliaries and adverbs before the verb */
		while (b > a && (in_list(t, &k[b - 1], aux, 0) || is_ly(t, &k[b - 1])))
			b--;
	} else {
		/* after the verb: up to the first comma, colon or other punctuation */
		size_t e = a;
		while (e < b && k[e].type == T_WORD)
			e++;
		b = e;
	}
	if (a >= b)
		return 0;
	if (before) {
		/* segments between commas, nearest the verb first: the subject is the nearest
		 * one when it is a name or does not look like an apposition ("..., the company
		 * said"); else the first name among the two before it ("Roy Asher, chief
		 * investment officer of X, told"; "Scott Stanzel, a spokesman for X said") */
		size_t ss[3], se[3], ns = 0, e = b;
		while (ns < 3) {
			size_t x = e;
			while (x > a && k[x - 1].type == T_WORD)
				x--;
			ss[ns] = x;
			se[ns] = e;
			ns++;
			if (x <= a || k[x - 1].type != T_COMMA)
				break;
			e = x - 1;
		}
		int pick = -1;
		if (ss[0] < se[0] && (is_name_seg(t, k, ss[0], se[0]) || !appositive(t, &k[ss[0]])))
			pick = 0;
		for (size_t i = 1; pick < 0 && i < ns; i++)
			if (ss[i] < se[i] && is_name_seg(t, k, ss[i], se[i]))
				pick = (int)i;
		if (pick < 0)
			pick = ss[0] < se[0] || ns < 2 ? 0 : 1;
		a = ss[pick];
		b = se[pick];
		while (b > a && (in_list(t, &k[b - 1], aux, 0) || is_ly(t, &k[b - 1])))
			b--;
		if (a >= b)
			return 0;
		const tok *p = &k[b - 1];
		if (in_list(t, p, pron_sing, 0) || in_list(t, p, pron_plur, 0)) {
			w->s = p->s;
			w->e = p->e;
			w->pronoun = in_list(t, p, pron_sing, 0) ? 1 : 2;
			return 1;
		}
	} else {
		const tok *p = &k[a];
		if (in_list(t, p, pron_sing, 0) || in_list(t, p, pron_plur, 0)) {
			w->s = p->s;
			w->e = p->e;
			w->pronoun = in_list(t, p, pron_sing, 0) ? 1 : 2;
			return 1;
		}
	}
	/* a person mention in the zone: the one nearest the verb */
	long m = pm_in(c, k[a].s, k[b - 1].e, before);
	if (m >= 0) {
		w->s = w->ns = c->pm[m].start;
		w->e = w->ne = c->pm[m].end;
		w->entity = c->pm[m].entity;
		return 1;
	}
	/* a capitalised name: the run of capitalised words (and name particles) next to the verb */
	size_t rs, re;
	if (before) {
		re = b;
		rs = b;
		while (rs > a && k[rs - 1].type == T_WORD &&
		       (is_cap(t, &k[rs - 1]) ||
			(rs - 1 > a && in_list(t, &k[rs - 1], name_particles, 0) &&
			 is_cap(t, &k[rs - 2]) && rs < re)))
			rs--;
	} else {
		rs = a;
		re = a;
		while (re < b && (is_cap(t, &k[re]) ||
				  (re > rs && re + 1 < b && in_list(t, &k[re], name_particles, 0) &&
				   is_cap(t, &k[re + 1]))))
			re++;
	}
	/* drop clause openers, then keep what follows the last title word */
	while (rs < re && in_list(t, &k[rs], not_name, 1))
		rs++;
	size_t ns = rs;
	for (size_t i = rs; i < re; i++)
		if (in_list(t, &k[i], titles, 1))
			ns = i + 1;
	if (ns < re) {
		w->s = w->ns = k[ns].s;
		w->e = w->ne = k[re - 1].e;
		return 1;
	}
	/* a noun phrase: "the company", "a spokesman for the firm", "officials" */
	if (before) {
		size_t s = b;
		size_t lim = b > a + 8 ? b - 8 : a;
		int det = 0;
		while (s > lim && k[s - 1].type == T_WORD) {
			s--;
			if (in_list(t, &k[s], dets, 1)) {
				det = 1;
				if (s > lim && in_list(t, &k[s - 1], preps_np, 0))
					continue;
				break;
			}
		}
		if (!det && b - s > 3)
			s = b - 3;
		/* not a noun phrase when a verb or clause word is inside ("also was quoted as") */
		for (size_t i = s; i < b; i++)
			if ((in_list(t, &k[i], aux, 0) && !in_list(t, &k[i], dets, 1)) ||
			    in_list(t, &k[i], clause_words, 0))
				return 0;
		if (s < b) {
			w->s = k[s].s;
			w->e = k[b - 1].e;
			return 1;
		}
	} else {
		if (is_lower_start(t, &k[a]) && !in_list(t, &k[a], dets, 1))
			return 0; /* "said the minister", not "said that his goal is" */
		size_t e = a;
		while (e < b && e < a + 4 &&
		       !(e > a && (in_list(t, &k[e], preps_np, 0) || is_ly(t, &k[e]))))
			e++;
		if (e > a) {
			w->s = k[a].s;
			w->e = k[e - 1].e;
			return 1;
		}
	}
	return 0;
}

static int verb_kind(const unsigned char *t, const tok *k, const tok *next)
{
	if (k->type != T_WORD)
		return 0;
	if (in_list(t, k, verbs_sv, 0))
		return 1;
	if (in_list(t, k, verbs_vs, 0))
		return 2;
	if (in_list(t, k, preps, 0))
		return 3;
	if ((eqw(t, k, "according") || eqw(t, k, "According")) && next && eqw(t, next, "to"))
		return 4;
	return 0;
}

/* French inversion: a word ending in -il / -elle ("a-t-il", "dit-elle"): sets the pronoun. */
static int fr_inversion(const unsigned char *t, const tok *k, who *w)
{
	static const char *const suf[] = { "-il", "-elle", "-ils", "-elles" };
	for (int i = 0; i < 4; i++) {
		size_t n = strlen(suf[i]);
		if (k->type == T_WORD && k->e - k->s > n && memcmp(t + k->e - n, suf[i], n) == 0) {
			memset(w, 0, sizeof *w);
			w->entity = -1;
			w->s = k->e - n + 1;
			w->e = k->e;
			w->pronoun = i < 2 ? 1 : 2;
			return 1;
		}
	}
	return 0;
}

/* The attribution in the clause after a quote: t[a..b). */
static int attr_after(const ctx *c, size_t a, size_t b, int terminal, int ends_dot, who *w)
{
	tok k[NTOK];
	size_t n = lex(c->t, c->len, a, b, k, 0);
	size_t i0 = 0;
	while (i0 < n && k[i0].type == T_COMMA)
		i0++;
	if (i0 >= n)
		return 0;
	/* "… ." He said ...: a new sentence, not an attribution */
	if (ends_dot && is_cap(c->t, &k[i0]))
		return 0;
	size_t lim = i0 + (terminal ? 12 : 5);
	for (size_t i = i0; i < n && i < lim; i++) {
		if (fr_inversion(c->t, &k[i], w) && i <= i0 + 1)
			return 1;
		if (k[i].type != T_WORD && k[i].type != T_COMMA)
			break; /* the subject is interrupted by commas only (apposition) */
		if (k[i].type == T_COMMA)
			continue;
		int vk = verb_kind(c->t, &k[i], i + 1 < n ? &k[i + 1] : NULL);
		if (!vk)
			continue;
		if (vk == 4)
			return subject(c, k, i + 2, n, 0, w);
		size_t nsub = 0; /* words before the verb, auxiliaries aside ("a déclaré X") */
		for (size_t x = i0; x < i; x++)
			if (k[x].type == T_WORD && !in_list(c->t, &k[x], aux, 0))
				nsub++;
		if (vk == 3 || vk == 2 || nsub == 0) {
			if (subject(c, k, i + 1, n, 0, w))
				return 1;
			if (vk == 2) {
				w->s = k[i].s;
				w->e = k[i].e;
				w->pronoun = 3;
				return 1;
			}
			return 0;
		}
		return subject(c, k, i0, i, 1, w);
	}
	return 0;
}

/* The attribution in the clause before a quote: t[a..b) (b is the opening mark). */
static int attr_before(const ctx *c, size_t a, size_t b, who *w)
{
	tok k[NTOK];
	size_t n = lex(c->t, c->len, a, b, k, 1);
	if (!n)
		return 0;
	size_t words = 0;
	for (size_t j = n; j > 0; j--) {
		size_t i = j - 1;
		if (k[i].type == T_WORD && ++words > 10)
			break;
		int vk = verb_kind(c->t, &k[i], i + 1 < n ? &k[i + 1] : NULL);
		if (!vk && i + 1 < n && k[i].type == T_WORD && eqw(c->t, &k[i], "to") && i > 0 &&
		    verb_kind(c->t, &k[i - 1], &k[i]) == 4)
			continue;
		if (!vk)
			continue;
		/* subject before the verb, from the last clause opener */
		size_t s = 0;
		int inversion = vk >= 2;
		if (!inversion) {
			size_t nw = 0;
			for (size_t x = s; x < i; x++)
				if (k[x].type == T_WORD && !in_list(c->t, &k[x], conjs, 0))
					nw++;
			if (nw == 0)
				inversion = 1;
		}
		if (!inversion)
			return subject(c, k, s, i, 1, w);
		size_t from = vk == 4 ? i + 2 : i + 1;
		if (subject(c, k, from, n, 0, w))
			return 1;
		if (vk == 2) {
			memset(w, 0, sizeof *w);
			w->entity = -1;
			w->s = k[i].s;
			w->e = k[i].e;
			w->pronoun = 3;
			return 1;
		}
		return 0;
	}
	return 0;
}

/* ---- pronouns ---------------------------------------------------------------------------- */

/* Whether mention m stands as the subject of its clause: it opens the sentence (which starts
 * at ss) or follows a comma, and a lower-case word other than "and"/"or" follows it. */
static int is_subject(const ctx *c, size_t ss, const sr_person_mention *m)
{
	const unsigned char *t = c->t;
	size_t e = m->end;
	while (e < c->len && ws_at(t, e, c->len))
		e += ws_at(t, e, c->len);
	if (e >= c->len || !(t[e] >= 'a' && t[e] <= 'z'))
		return 0;
	tok nx = { e, e, T_WORD };
	while (nx.e < c->len && is_alnum(t[nx.e]))
		nx.e++;
	if (eqw(t, &nx, "and") || eqw(t, &nx, "or") || eqw(t, &nx, "et"))
		return 0; /* "Smith and Jones met": neither alone */
	size_t p = m->start;
	while (p > ss && (t[p - 1] == ' ' || t[p - 1] == '\n'))
		p--;
	return p <= ss || t[p - 1] == ',' || t[p - 1] == ';';
}

/* Resolve a singular pronoun at p; prev is the previous accepted quote with a speaker (or
 * NULL).  Sets the name and entity of w; returns 1 when resolved. */
static int resolve(const ctx *c, size_t p, const sr_quote *prev, who *w)
{
	size_t pb = block_of(c, p);
	size_t minb = pb >= 2 ? pb - 2 : 0;
	/* (1) the previous quote's named speaker, nobody else mentioned since */
	if (prev && prev->name_end > prev->name_start && block_of(c, prev->name_start) >= minb) {
		int other = 0;
		size_t i = pm_lower(c, prev->name_end);
		for (size_t seen = 0; i < c->npm && c->pm[i].start < p; i++) {
			if (++seen > MENTIONS_MAX) {
				other = 1; /* too many to look at: not unambiguous */
				break;
			}
			if (in_quote(c, c->pm[i].start))
				continue;
			if (prev->entity < 0 || c->pm[i].entity != prev->entity) {
				other = 1;
				break;
			}
		}
		if (!other) {
			w->ns = prev->name_start;
			w->ne = prev->name_end;
			w->entity = prev->entity;
			return 1;
		}
	}
	/* (2) the last person mentioned, alone in its sentence */
	size_t i = pm_lower(c, p), back = 0;
	while (i > 0) {
		i--;
		if (++back > MENTIONS_MAX)
			return 0;
		if (c->pm[i].end > p || in_quote(c, c->pm[i].start))
			continue;
		break;
	}
	if (i >= c->npm || c->pm[i].start >= p || c->pm[i].end > p || in_quote(c, c->pm[i].start))
		return 0;
	const sr_person_mention *m = &c->pm[i];
	size_t mb = block_of(c, m->start);
	if (mb < minb)
		return 0;
	size_t blo = c->blk[mb].s, bhi = c->blk[mb].e;
	if (m->start > blo + CLAUSE_MAX)
		blo = m->start - CLAUSE_MAX;
	if (bhi > m->end + CLAUSE_MAX)
		bhi = m->end + CLAUSE_MAX;
	size_t ss = sent_start(c->t, blo, m->start);
	size_t se = sent_end(c->t, m->end, bhi);
	/* several people in that sentence: the one standing as a subject, if only one does */
	size_t lo = i, hi = i + 1, other = 0;
	while (lo > 0 && c->pm[lo - 1].start >= ss && i - lo < MENTIONS_MAX)
		lo--;
	while (hi < c->npm && c->pm[hi].start < se && hi - i < MENTIONS_MAX)
		hi++;
	for (size_t j = lo; j < hi; j++)
		if (c->pm[j].entity != m->entity && !in_quote(c, c->pm[j].start))
			other = 1;
	if (other) {
		long subj = -1;
		for (size_t j = lo; j < hi; j++) {
			if (in_quote(c, c->pm[j].start) || !is_subject(c, ss, &c->pm[j]))
				continue;
			if (subj >= 0 && c->pm[subj].entity != c->pm[j].entity)
				return 0;
			subj = (long)j;
		}
		if (subj < 0)
			return 0;
		m = &c->pm[subj];
	}
	w->ns = m->start;
	w->ne = m->end;
	w->entity = m->entity;
	return 1;
}

/* ---- shape ------------------------------------------------------------------------------- */

static size_t count_words(const unsigned char *t, size_t len, size_t s, size_t e, int *titlecase)
{
	size_t n = 0, longw = 0, capw = 0;
	size_t i = s;
	while (i < e) {
		size_t w;
		while (i < e && (w = ws_at(t, i, len)) != 0)
			i += w;
		if (i >= e)
			break;
		size_t ws = i;
		while (i < e && !ws_at(t, i, len))
			i++;
		n++;
		if (i - ws >= 4) {
			longw++;
			if (t[ws] >= 'A' && t[ws] <= 'Z')
				capw++;
		}
	}
	*titlecase = longw > 0 && capw == longw;
	return n;
}

int sr_quotes_find(const char *text, size_t len, const sr_person_mention *pm, size_t npm,
		   sr_arena *arena, sr_quote **out, size_t *n)
{
	if ((!text && len) || !out || !n || !arena)
		return SR_EINVAL;
	*out = NULL;
	*n = 0;
	if (!len)
		return SR_OK;
	const unsigned char *t = (const unsigned char *)text;

	size_t nb = blocks(t, len, NULL);
	span *blk = sr_arena_alloc(arena, (nb ? nb : 1) * sizeof *blk);
	if (!blk)
		return SR_ENOMEM;
	blocks(t, len, blk);

	size_t nmarks = 0;
	for (size_t i = 0; i < len; i++) {
		size_t ml;
		if (mark_at(t, i, len, &ml) != M_NONE)
			nmarks++;
	}
	if (!nmarks)
		return SR_OK;
	rawq *rq = sr_arena_alloc(arena, nmarks * sizeof *rq);
	if (!rq)
		return SR_ENOMEM;
	size_t nrq = 0;
	for (size_t b = 0; b < nb; b++)
		nrq = pair_block(t, len, blk[b], b, rq, nrq);
	if (!nrq)
		return SR_OK;
	sr_quote *q = sr_arena_alloc(arena, nrq * sizeof *q);
	if (!q)
		return SR_ENOMEM;

	/* mentions: keep the caller's array when it is sorted and in range, else ignore the
	 * bad ones by using the longest valid prefix */
	size_t good = 0;
	for (; good < npm; good++) {
		if (pm[good].end > len || pm[good].start >= pm[good].end)
			break;
		if (good && pm[good].start < pm[good - 1].start)
			break;
	}
	ctx c = { t, len, pm, good, rq, nrq, blk, nb };

	size_t nq = 0;
	long prev = -1; /* last accepted quote with a speaker */
	for (size_t r = 0; r < nrq; r++) {
		const rawq *x = &rq[r];
		const span *b = &blk[x->blk];
		int titlecase = 0;
		size_t nw = count_words(t, len, x->s, x->e, &titlecase);
		unsigned char last = t[x->e - 1];
		int terminal = last == ',' || last == '!' || last == '?' || last == '.' ||
			       last == ':' || last == ';' || last == '-';
		if (x->e >= 3 && t[x->e - 3] == 0xE2 && t[x->e - 2] == 0x80 &&
		    (t[x->e - 1] == 0xA6 || t[x->e - 1] == 0x94 || t[x->e - 1] == 0x93))
			terminal = 1; /* ellipsis, dashes */
		size_t j = x->after;
		while (j < b->e && ws_at(t, j, len))
			j += ws_at(t, j, len);
		if (!x->unclosed && j < b->e && (t[j] == ',' || t[j] == '.' || t[j] == ';'))
			terminal = 1;
		/* opening position: paragraph start, after a sentence end, colon or comma */
		int initial = x->mo == b->s;
		if (!initial) {
			size_t p = x->mo;
			while (p > b->s) {
				size_t pc = back_char(t, p);
				if (pc < b->s || !ws_at(t, pc, len))
					break;
				p = pc;
			}
			if (p == b->s) {
				initial = 1;
			} else {
				unsigned char pc = t[p - 1];
				initial = is_end_punct(pc) || pc == ':' || pc == ',' || pc == ';' ||
					  pc == '(';
				if (p >= 3 && t[p - 3] == 0xE2 && t[p - 2] == 0x80 &&
				    (t[p - 1] == 0x94 || t[p - 1] == 0x93))
					initial = 1;
			}
		}

		who w;
		int how = SR_QUOTE_NONE;
		/* after the closing mark */
		if (!x->unclosed) {
			size_t hi = b->e;
			if (r + 1 < nrq && rq[r + 1].blk == x->blk && rq[r + 1].mo < hi)
				hi = rq[r + 1].mo;
			if (hi > x->after + CLAUSE_MAX)
				hi = x->after + CLAUSE_MAX;
			size_t end = sent_end(t, x->after, hi);
			if (end > x->after &&
			    attr_after(&c, x->after, end, terminal, last == '.', &w))
				how = SR_QUOTE_AFTER;
		}
		/* before the opening mark */
		if (how == SR_QUOTE_NONE) {
			size_t lo = b->s;
			if (r > 0 && rq[r - 1].blk == x->blk && rq[r - 1].after > lo)
				lo = rq[r - 1].after;
			if (x->mo > lo + CLAUSE_MAX) {
				lo = x->mo - CLAUSE_MAX;
				while (lo < x->mo && (t[lo] & 0xC0) == 0x80)
					lo++;
			}
			size_t s = sent_start(t, lo, x->mo);
			if (x->mo > s && attr_before(&c, s, x->mo, &w))
				how = SR_QUOTE_BEFORE;
		}
		/* shape rules */
		if (titlecase && (!terminal || (nw <= 6 && !initial)))
			continue; /* a title of a work ("Kill Bill: Vol. 1," inside a sentence) */
		if (nw <= 3 && !(initial && (terminal || how == SR_QUOTE_BEFORE)))
			continue; /* scare quote */
		if (how == SR_QUOTE_NONE && prev >= 0) {
			/* inherit: the previous quote of this or the previous paragraph,
			 * nobody else mentioned between */
			const sr_quote *pq = &q[prev];
			size_t pblk = block_of(&c, pq->start);
			if (pblk == x->blk || pblk + 1 == x->blk) {
				int other = 0;
				size_t from = pq->end > pq->speaker_end ? pq->end : pq->speaker_end;
				size_t i = pm_lower(&c, from), seen = 0;
				for (; i < c.npm && pm[i].start < x->s; i++)
					if (++seen > MENTIONS_MAX ||
					    (!in_quote(&c, pm[i].start) &&
					     (pq->entity < 0 || pm[i].entity != pq->entity))) {
						other = 1;
						break;
					}
				if (!other) {
					memset(&w, 0, sizeof w);
					w.s = pq->speaker_start;
					w.e = pq->speaker_end;
					w.ns = pq->name_start;
					w.ne = pq->name_end;
					w.entity = pq->entity;
					w.pronoun = pq->resolved_pronoun ? 4 : 0;
					how = SR_QUOTE_INHERIT;
				}
			}
		}
		if (how == SR_QUOTE_NONE && (nw <= 3 || !(initial || terminal)))
			continue;
		int resolved = 0;
		if (how == SR_QUOTE_AFTER || how == SR_QUOTE_BEFORE) {
			if (w.pronoun == 1 || w.pronoun == 3)
				resolved = resolve(&c, w.s, prev >= 0 ? &q[prev] : NULL, &w);
		} else if (how == SR_QUOTE_INHERIT) {
			resolved = w.pronoun == 4;
		}
		sr_quote *o = &q[nq];
		o->start = x->s;
		o->end = x->e;
		o->how = how;
		o->entity = -1;
		if (how != SR_QUOTE_NONE) {
			o->speaker_start = w.s;
			o->speaker_end = w.e;
			o->name_start = w.ns;
			o->name_end = w.ne;
			o->entity = w.entity;
			o->resolved_pronoun = resolved;
			prev = (long)nq;
		}
		nq++;
	}
	*out = nq ? q : NULL;
	*n = nq;
	return SR_OK;
}
