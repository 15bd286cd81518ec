#include "extract/article.h"
#include "base/json.h"

static void str_list(sr_jw *w, const char *key, const char **v, size_t n)
{
	sr_jw_key(w, key);
	sr_jw_arr(w);
	for (size_t i = 0; i < n; i++)
		sr_jw_str(w, v[i]);
	sr_jw_end(w);
}

int sr_article_to_json(const sr_article *a, sr_buf *out)
{
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "url"); sr_jw_str(&w, a->url);
	sr_jw_key(&w, "title"); sr_jw_str(&w, a->title);
	str_list(&w, "authors", a->authors, a->n_authors);
	sr_jw_key(&w, "published"); sr_jw_str(&w, a->published);
	sr_jw_key(&w, "modified"); sr_jw_str(&w, a->modified);
	sr_jw_key(&w, "section"); sr_jw_str(&w, a->section);
	str_list(&w, "tags", a->tags, a->n_tags);
	sr_jw_key(&w, "description"); sr_jw_str(&w, a->description);
	sr_jw_key(&w, "canonical_url"); sr_jw_str(&w, a->canonical_url);
	sr_jw_key(&w, "site_name"); sr_jw_str(&w, a->site_name);
	sr_jw_key(&w, "lang"); sr_jw_str(&w, a->lang);
	sr_jw_key(&w, "image"); sr_jw_str(&w, a->image);
	sr_jw_key(&w, "text"); sr_jw_str(&w, a->text);
	sr_jw_end(&w);
	return w.rc;
}
