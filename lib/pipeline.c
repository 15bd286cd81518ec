#include "pipeline.h"
#include "base/err.h"
#include "base/isotime.h"
#include "extract/charset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sr_pipeline_run(const char *bytes, size_t len, const sr_extract_opts *opts, sr_arena *arena,
		    sr_article *out, char why[SR_PIPELINE_WHY_MAX])
{
	sr_extract_info info = {0};
	why[0] = '\0';
	int rc = sr_extract(bytes, len, opts, arena, out, &info);
	if (rc == SR_EENCODING && info.format == SR_FORMAT_TEXT) {
		/* undeclared plain text that is not UTF-8: a legacy file; read it in the charset
		 * the detector finds, and say so */
		size_t bom = 0, bad = info.err_offset;
		const char *cs = sr_charset_detect(bytes, len, NULL, 0, &bom);
		if (cs && strcmp(cs, "UTF-8") != 0) {
			char ctype[64];
			snprintf(ctype, sizeof(ctype), "text/plain; charset=%s", cs);
			sr_extract_opts o2 = *opts;
			o2.content_type = ctype;
			o2.format = SR_FORMAT_TEXT;
			rc = sr_extract(bytes, len, &o2, arena, out, &info);
			if (rc == SR_OK) {
				snprintf(why, SR_PIPELINE_WHY_MAX,
					 "not valid UTF-8 (byte %zu): read as %s", bad, cs);
				return SR_OK;
			}
		}
	}
	switch (rc) {
	case SR_OK:
		break;
	case SR_EEMPTY:
		snprintf(why, SR_PIPELINE_WHY_MAX, "no text found");
		break;
	case SR_EBINARY:
		snprintf(why, SR_PIPELINE_WHY_MAX, "binary data, not HTML or text");
		break;
	case SR_EENCODING:
		snprintf(why, SR_PIPELINE_WHY_MAX,
			 "invalid UTF-8 at byte %zu (plain text must be UTF-8)", info.err_offset);
		break;
	case SR_ETOOBIG:
		snprintf(why, SR_PIPELINE_WHY_MAX, "document too large to extract");
		break;
	default:
		snprintf(why, SR_PIPELINE_WHY_MAX, "extraction failed: %s", sr_strerror(rc));
	}
	return rc;
}

#include <pthread.h>

struct sr_analyzer {
	sr_tokenizer *tok;
	sr_ner_tagger *ner; /* NULL without a model */
};

/* the shipped NER model and the built-in gazetteer: opened once, read-only, shared by
 * every analyzer */
static sr_ner_model *ner_model;
static sr_gazetteer *gazetteer;
static pthread_once_t ner_once = PTHREAD_ONCE_INIT;

static void ner_open(void)
{
	const char *off = getenv("SITREP_NO_ENTITIES");
	if (off && *off)
		return;
	if (sr_gazetteer_builtin(&gazetteer) != SR_OK)
		gazetteer = NULL;
	sr_buf path;
	sr_buf_init(&path, 4096);
	if (sr_ner_find_model(&path) == SR_OK && sr_ner_model_open(path.data, &ner_model) != SR_OK)
		ner_model = NULL;
	sr_buf_release(&path);
}

sr_analyzer *sr_analyzer_new(void)
{
	sr_analyzer *an = calloc(1, sizeof(*an));
	if (!an)
		return NULL;
	an->tok = sr_tokenizer_new();
	if (!an->tok) {
		free(an);
		return NULL;
	}
	pthread_once(&ner_once, ner_open);
	if (ner_model && !(an->ner = sr_ner_tagger_new(ner_model))) {
		sr_analyzer_free(an);
		return NULL;
	}
	return an;
}

void sr_analyzer_free(sr_analyzer *an)
{
	if (!an)
		return;
	sr_tokenizer_free(an->tok);
	sr_ner_tagger_free(an->ner);
	free(an);
}

int sr_pipeline_analyze(sr_analyzer *an, const sr_article *art, sr_arena *arena, sr_analysis *out)
{
	const char *text = art->text ? art->text : "";
	int rc = sr_fingerprint_text(an->tok, text, strlen(text), &out->fp);
	if (rc)
		return rc;
	memset(&out->ents, 0, sizeof(out->ents));
	out->quotes = NULL;
	out->nquotes = 0;
	out->dates = NULL;
	out->ndates = 0;
	/* the model knows English: other languages get no entities rather than wrong ones */
	int english = !art->lang || !strncmp(art->lang, "en", 2);
	if (an->ner && english) {
		rc = sr_entities_find(an->ner, gazetteer, art->title, text, arena, &out->ents);
		if (rc == SR_ETOOBIG || rc == SR_EINVAL)
			memset(&out->ents, 0, sizeof(out->ents));
		else if (rc)
			return rc;
	}
	/* quotes, with the people of the body as candidate speakers */
	size_t np = 0;
	sr_person_mention *pm = sr_arena_alloc(arena, (out->ents.nm + 1) * sizeof(*pm));
	if (!pm)
		return SR_ENOMEM;
	for (size_t k = 0; k < out->ents.nm; k++) {
		const sr_mention *m = &out->ents.m[k];
		if (m->in_title || m->type != SR_NER_PER)
			continue;
		pm[np++] = (sr_person_mention){m->start, m->end, (int)m->entity};
	}
	if ((rc = sr_quotes_find(text, strlen(text), pm, np, arena, &out->quotes, &out->nquotes)))
		return rc;
	/* dates in the text ("last July", "since 1995"), against the publication date */
	if (english) {
		int64_t pub = 0;
		if (art->published && sr_iso_parse(art->published, &pub) != 0)
			pub = 0;
		if ((rc = sr_timex_find(text, strlen(text), pub, arena, &out->dates, &out->ndates)))
			return rc;
	}
	return sr_story_terms(an->tok, art->title, text, art->lang, arena, &out->terms);
}
