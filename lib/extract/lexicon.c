/*
 * lexicon.c - boilerplate phrases (see lexicon.h).
 */
#include "extract/lexicon.h"

#include <string.h>

static const char *const stop_phrases[] = {
	/* English */
	"related articles", "related stories", "related posts", "related content",
	"related news", "related links", "related coverage", "related topics", "related",
	"read more", "read also", "read next", "more from", "more on this", "more stories",
	"more articles", "more news", "you might also like", "you may also like",
	"you might be interested", "you may be interested", "recommended for you",
	"recommended", "most read", "most popular", "popular posts", "trending", "comments",
	"leave a comment", "leave a reply", "post a comment", "add a comment", "add comment",
	"join the conversation", "share this", "share on", "about the author", "sign up for",
	"subscribe to", "newsletter", "follow us", "tags:", "tags", "tagged", "filed under",
	"further reading", "what to read next", "don't miss", "latest news", "latest posts",
	"recent posts", "similar posts", "also read", "see more", "topics",
	/* German */
	"das könnte sie auch interessieren", "das könnte dich auch interessieren",
	"das könnte ihnen auch gefallen", "das könnte dir auch gefallen", "mehr zum thema",
	"mehr zu diesem thema", "weitere artikel", "weitere beiträge", "weitere nachrichten",
	"ähnliche artikel", "ähnliche beiträge", "verwandte artikel", "verwandte beiträge",
	"auch interessant", "schon gelesen", "lesen sie auch", "lesen sie mehr", "lies auch",
	"empfohlene artikel", "kommentare", "kommentar schreiben", "kommentieren",
	"diskutieren sie mit", "über den autor", "über die autorin", "zum autor", "zur autorin",
	"artikel teilen", "beitrag teilen", "seite teilen", "jetzt teilen", "teilen",
	"meistgelesen", "meist gelesen", "top-artikel", "dazu passend", "passend dazu",
	"schlagworte", "schlagwörter", "themen:", "neueste beiträge", "letzte beiträge",
	"aktuelle beiträge", "anzeige", "das interessiert andere leser",
	/* French */
	"à lire aussi", "a lire aussi", "lire aussi", "lire la suite", "sur le même sujet",
	"articles similaires", "articles liés", "vous aimerez aussi", "vous aimerez aussi",
	"commentaires", "laisser un commentaire", "partager", "à propos de l'auteur",
	"les plus lus", "dans la même rubrique", "à découvrir", "voir aussi",
	/* Spanish */
	"te puede interesar", "también te puede interesar", "noticias relacionadas",
	"artículos relacionados", "lee también", "lea también", "comentarios",
	"deja un comentario", "compartir", "más leídas", "lo más leído", "sobre el autor",
	"te recomendamos", "etiquetas",
	/* Italian */
	"leggi anche", "articoli correlati", "commenti", "potrebbe interessarti",
	/* Portuguese */
	"leia também", "veja também", "comentários", "notícias relacionadas",
	/* Dutch */
	"lees ook", "gerelateerde artikelen", "reacties",
	/* Polish */
	"czytaj także", "czytaj też", "zobacz też", "zobacz także", "polecamy", "komentarze",
	"podobne artykuły", "przeczytaj również", "przeczytaj także",
	/* more headings and prompts that close an article */
	"notas relacionadas", "empfohlene beiträge", "empfohlene artikel", "empfehlungen",
	"aktuelle news", "aktuelle nachrichten", "verwandte themen", "noch mehr",
	"vorschau auf", "heute empfehlen wir", "wie bewerten sie", "keine kommentare",
	"lade weitere", "mehr zum", "mehr aus", "mehr über", "more in", "more about",
	"pressekontakt", "press contact", "media contact", "folgen sie uns", "gefällt dir",
	"unterstützen sie", "support us", "hat ihnen dieser artikel gefallen",
	"hat dir dieser artikel gefallen", "did you enjoy", "if you enjoyed", "enjoyed this",
	"sie müssen sich anmelden", "you must be logged in", "zum weiterlesen",
	"weiterführende links", "weitere informationen", "weitere infos", "more information",
	"auch lesenswert", "empfehlung der redaktion", "das könnte sie interessieren",
	"das könnte dich interessieren", "artikel empfehlen", "mehr artikel", "mehr beiträge",
	/* Arabic */
	"اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "مقالات ذات صلة", "أخبار ذات صلة",
	"اخبار ذات صلة", "مواضيع ذات صلة", "التعليقات", "الأكثر قراءة", "الاكثر قراءة",
	NULL};

static const char *const furniture[] = {
	"share", "tweet", "print", "email", "e-mail", "advertisement", "advertising", "ad",
	"sponsored", "read more", "more", "back to top", "top", "close", "menu", "skip to content",
	"loading", "teilen", "drucken", "anzeige", "werbung", "weiterlesen", "mehr", "nach oben",
	"zurück", "partager", "imprimer", "publicité", "compartir", "imprimir", "publicidad",
	"condividi", "stampa", "pubblicità", "udostępnij", "reklama", "drukuj", "إعلان", "شارك",
	"whatsapp", "facebook", "twitter", "linkedin", "pinterest", "reddit", "telegram",
	"xing", "pin", "pinnen", "merken", "like", "follow", "subscribe", "abonnieren",
	"newsletter", NULL};

static const char *const caption_prefix[] = {
	"photo:", "photo by", "photos:", "image:", "image credit", "images:", "picture:",
	"credit:", "credits:", "source:", "foto:", "fotos:", "bild:", "bilder:", "quelle:",
	"bildquelle", "fotoquelle", "grafik:", "titelbild", "beitragsbild", "crédit photo",
	"crédits photo", "crédit :", "photo :", "foto de", "imagen:", "fuente:", "fot.",
	"zdjęcie:", "© ", "(c) ", "copyright ", "getty images", "reuters/", "ap photo",
	"afp/", "dpa/", "epa/", NULL};

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Lowercase (ASCII, and the Latin-1 capitals) the first cap bytes of s, trimmed. */
static size_t fold(const char *s, size_t n, char *out, size_t cap)
{
	while (n && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '>' || s[0] == '#' ||
		     s[0] == '|' || s[0] == '-' || s[0] == '*'))
		s++, n--;
	size_t j = 0;
	for (size_t i = 0; i < n && j + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97 && j + 2 < cap) {
			out[j++] = (char)c;
			out[j++] = (char)(s[i + 1] + 0x20);
			i++;
			continue;
		}
		out[j++] = (char)lc(c);
	}
	/* trailing punctuation and spaces, "…" and "»" included */
	for (;;) {
		if (j && strchr(" .:!?\n\t|>-", out[j - 1]) && out[j - 1] != 0)
			j--;
		else if (j >= 3 && memcmp(out + j - 3, "\xE2\x80\xA6", 3) == 0)
			j -= 3;
		else if (j >= 2 && memcmp(out + j - 2, "\xC2\xBB", 2) == 0)
			j -= 2;
		else
			break;
	}
	out[j] = 0;
	return j;
}

size_t sr_lex_stop(const char *s, size_t n)
{
	if (n > 120)
		return 0;
	char f[128];
	size_t m = fold(s, n, f, sizeof(f));
	if (!m)
		return 0;
	for (int i = 0; stop_phrases[i]; i++) {
		size_t k = strlen(stop_phrases[i]);
		if (m >= k && memcmp(f, stop_phrases[i], k) == 0 &&
		    (m == k || f[k] == ' ' || f[k] == ':' || f[k] == '(' || f[k] == '.' ||
		     stop_phrases[i][k - 1] == ':'))
			return k;
	}
	return 0;
}

size_t sr_lex_stop_heading(const char *s, size_t n)
{
	static const char *const first[] = {"weitere", "mehr", "more", "other", "andere",
					     "ähnliche", "similar", "latest", "aktuelle", "neueste",
					     "beliebte", "top", "empfohlen", "recommended",
					     "popular", "trending", "related", "verwandte", "autres",
					     "otras", "otros", "más", "altri", "inne", NULL};
	size_t k = sr_lex_stop(s, n);
	if (k)
		return k;
	if (n > 80)
		return 0;
	char f[96];
	size_t m = fold(s, n, f, sizeof(f));
	size_t words = 1;
	for (size_t i = 0; i < m; i++)
		words += f[i] == ' ';
	if (words > 6)
		return 0;
	for (int i = 0; first[i]; i++) {
		size_t l = strlen(first[i]);
		if (m > l && memcmp(f, first[i], l) == 0 && f[l] == ' ')
			return l;
	}
	return 0;
}

int sr_lex_furniture(const char *s, size_t n)
{
	if (n > 40)
		return 0;
	char f[48];
	size_t m = fold(s, n, f, sizeof(f));
	if (!m)
		return 1;
	for (int i = 0; furniture[i]; i++)
		if (strcmp(f, furniture[i]) == 0)
			return 1;
	return 0;
}

int sr_lex_caption(const char *s, size_t n)
{
	if (n > 400)
		return 0;
	char f[64];
	fold(s, n < 60 ? n : 60, f, sizeof(f));
	for (int i = 0; caption_prefix[i]; i++)
		if (strncmp(f, caption_prefix[i], strlen(caption_prefix[i])) == 0)
			return 1;
	/* a copyright sign in a short block: "The harbour at dawn. © Jane Doe" */
	if (n < 250) {
		const char *c = memmem(s, n, "\xC2\xA9", 2);
		if (c)
			return 1;
	}
	return 0;
}

int sr_lex_prompt(const char *s, size_t n)
{
	static const char *const words[] = {
		"subscribe", "subscription", "newsletter", "sign up", "signing up", "log in",
		"login", "registrieren", "abonnieren", "abonnement", "abonnent", "einloggen",
		"anmelden", "cookies", "affiliate", "werbung", "anzeige", "advertisement",
		"sponsored", "vergrößern", "enlarge", "suscríbete", "suscribirse", "abonnez",
		"s'abonner", "inscrivez", "zaloguj", "subskryb", "javascript", "adblock",
		"benachrichtigung", "notifications",
		/* calls to follow, download, support, rate or read on elsewhere */
		"follow us", "follow the", "folge uns", "folgen sie uns", "síguenos", "siguenos",
		"suivez-nous", "seguici", "canal de youtube", "canal de telegram",
		"app for ios", "apps for ios", "ios and android", "ios und android",
		"if you enjoyed", "explore further", "submit your letter", "letter to the editor",
		"discover our latest", "instant access to", "valora esta noticia", "hazte miembro",
		"rezept drucken", "pdf herunterladen", "quellen ausblenden", "jede kleine spende",
		"unterstütze ", "unterstützen sie diese", "gefällt dir unser", "kennt ihr schon",
		"pour lire la suite", "accéder en illimité", "entdecke weitere", "alle artikel zu",
		"alle blogbeiträge",
		/* notices about the text itself */
		"vervielfältigung nur", "meinung des autors", "n'engagent que",
		"sofern nicht anders", "stehen unter einer", "advertising disclaimer", "für pressefragen",
		"der beitrag wurde am", "letzte änderung", "release date:", "meist gesucht", NULL};
	if (n > 200)
		return 0;
	char f[256];
	size_t j = 0;
	for (size_t i = 0; i < n && j + 1 < sizeof(f); i++)
		f[j++] = (char)lc((unsigned char)s[i]);
	f[j] = 0;
	/* Latin-1 capitals of the words above: Ä Ö Ü in "Vergrößern" are lowercase already */
	for (int i = 0; words[i]; i++)
		if (strstr(f, words[i]))
			return 1;
	return 0;
}
