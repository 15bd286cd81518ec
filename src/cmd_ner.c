/*
 * cmd_ner.c - `sitrep train-ner` and `sitrep eval-ner`: train and score the NER tagger.
 *
 * The two commands are listed in the table in src/main.c.
 */
#include "cli.h"

#include "analyze/ner.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_INPUT ((size_t)1 << 30)
#define CLUSTERS "ner/clusters-en.txt.gz" /* beside the shipped model */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int parse_num(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int read_corpus(const char *path, sr_ner_corpus *c)
{
	size_t line = 0;
	int rc = sr_ner_corpus_read(path, MAX_INPUT, c, &line);
	if (rc == SR_EPARSE && line)
		sr_log_error("%s:%zu: not a CoNLL token line (token ... tag)", path, line);
	else if (rc == SR_EEMPTY)
		sr_log_error("%s: no tokens", path);
	else if (rc < 0)
		sr_log_error("%s: %s", path, sr_strerror(rc));
	else if (c->unknown_types)
		sr_log_warn("%s: %zu entity tags of types other than PER/ORG/LOC/MISC read as MISC",
			    path, c->unknown_types);
	return rc;
}

static void progress(void *ctx, int stage, int epoch, double err, double f1)
{
	sr_cli *cli = ctx;
	if (cli->quiet)
		return;
	if (stage == 0)
		fprintf(stderr, "sitrep: jackknife fold %d trained\n", epoch);
	else if (f1 >= 0)
		fprintf(stderr,
			"sitrep: stage %d epoch %2d: train token errors %.2f%%, dev F1 %.2f\n",
			stage, epoch, 100 * err, 100 * f1);
	else
		fprintf(stderr, "sitrep: stage %d epoch %2d: train token errors %.2f%%\n", stage,
			epoch, 100 * err);
}

int cmd_train_ner(int argc, char **argv, sr_cli *cli)
{
	if (sr_cli_wants_help(argc, argv)) {
		sr_cli_usage("train-ner", stdout);
		return SR_EXIT_OK;
	}
	const char *train = NULL, *dev = NULL, *out = NULL, *clusters = NULL;
	sr_ner_train_opts o;
	memset(&o, 0, sizeof o);
	o.seed = 1;
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		long long x;
		if (!v && a[0] == '-') {
			sr_log_error("train-ner: %s needs a value", a);
			return SR_EXIT_USAGE;
		}
		if (strcmp(a, "--train") == 0)
			train = v;
		else if (strcmp(a, "--dev") == 0)
			dev = v;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			out = v;
		else if (strcmp(a, "--clusters") == 0)
			clusters = v;
		else if (strcmp(a, "--epochs") == 0 && parse_num(v, 1, 1000, &x) == 0)
			o.epochs = (int)x;
		else if (strcmp(a, "--seed") == 0 && parse_num(v, 0, (1LL << 62), &x) == 0)
			o.seed = (uint64_t)x;
		else if (strcmp(a, "--bits") == 0 && parse_num(v, 8, 26, &x) == 0)
			o.table_bits = (int)x;
		else if (strcmp(a, "--stages") == 0 && parse_num(v, 1, 2, &x) == 0)
			o.stages = (int)x;
		else if (strcmp(a, "--folds") == 0 && parse_num(v, 2, 20, &x) == 0)
			o.folds = (int)x;
		else {
			sr_log_error("train-ner: bad option or value: %s%s%s", a, v ? " " : "",
				     v ? v : "");
			return SR_EXIT_USAGE;
		}
	}
	if (!train || !out) {
		sr_log_error("train-ner: --train FILE and -o MODEL are required");
		return SR_EXIT_USAGE;
	}
	int ret = SR_EXIT_FAIL;
	sr_ner_corpus tc, dc;
	memset(&tc, 0, sizeof tc);
	memset(&dc, 0, sizeof dc);
	sr_buf cpath, info;
	sr_buf_init(&cpath, 8192);
	sr_buf_init(&info, 8192);
	if (!clusters) {
		/* the cluster file lives in data/ner/ beside the shipped model */
		sr_buf mp;
		sr_buf_init(&mp, 8192);
		if (sr_ner_find_model(&mp) == SR_OK || mp.len) {
			char *slash = strrchr(mp.data, '/');
			size_t dl = slash ? (size_t)(slash - mp.data) : 0;
			sr_buf_append(&cpath, mp.data, dl);
			sr_buf_puts(&cpath, dl ? "/" CLUSTERS : CLUSTERS);
			if (access(cpath.data, R_OK) == 0)
				clusters = cpath.data;
		}
		sr_buf_release(&mp);
		if (!clusters)
			sr_log_warn("train-ner: no word cluster file found; training without "
				    "clusters (give --clusters FILE)");
	} else if (strcmp(clusters, "none") == 0) {
		clusters = NULL;
	}
	if (read_corpus(train, &tc) < 0 || (dev && read_corpus(dev, &dc) < 0))
		goto out;
	if (!cli->quiet)
		fprintf(stderr,
			"sitrep: training on %s: %zu documents, %zu sentences, %zu tokens%s%s\n",
			train, tc.ndoc, tc.nsent, tc.ntok, clusters ? "; clusters " : "",
			clusters ? clusters : "");
	const char *base = strrchr(train, '/');
	sr_buf_appendf(&info, "training file %s", base ? base + 1 : train);
	o.clusters = clusters;
	o.info = info.data;
	o.progress = progress;
	o.ctx = cli;
	double t0 = now();
	int rc = sr_ner_train(&tc, dev ? &dc : NULL, &o, out);
	if (rc < 0) {
		const char *what = rc == SR_EPARSE && clusters ? clusters : out;
		sr_log_error("train-ner: %s: %s", what, sr_strerror(rc));
		goto out;
	}
	if (!cli->quiet)
		fprintf(stderr, "sitrep: wrote %s in %.1f s\n", out, now() - t0);
	ret = SR_EXIT_OK;
out:
	sr_ner_corpus_release(&tc);
	sr_ner_corpus_release(&dc);
	sr_buf_release(&cpath);
	sr_buf_release(&info);
	return ret;
}

static const char *label_str(uint8_t l, char *buf, size_t cap)
{
	static const char parts[4] = { 'B', 'I', 'I', 'B' };
	if (!l)
		return "O";
	/* IOB2: B at the start of an entity (B or U), I inside (I or L) */
	snprintf(buf, cap, "%c-%s", parts[sr_ner_label_part(l)],
		 sr_ner_type_name(sr_ner_label_type(l)));
	return buf;
}

static int parse_types(const char *s, unsigned *mask)
{
	*mask = 0;
	while (*s) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		int t = sr_ner_type_parse(s, n);
		if (t < 0)
			return -1;
		*mask |= 1u << t;
		s += n;
		if (*s == ',')
			s++;
	}
	return *mask ? 0 : -1;
}

int cmd_eval_ner(int argc, char **argv, sr_cli *cli)
{
	if (sr_cli_wants_help(argc, argv)) {
		sr_cli_usage("eval-ner", stdout);
		return SR_EXIT_OK;
	}
	const char *model = NULL, *file = NULL, *outp = NULL;
	unsigned mask = 0;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--json") == 0) {
			json = 1;
			continue;
		}
		if (a[0] == '-' && a[1] && i + 1 < argc) {
			const char *v = argv[++i];
			if (strcmp(a, "--model") == 0)
				model = v;
			else if (strcmp(a, "--out") == 0)
				outp = v;
			else if (strcmp(a, "--types") == 0 && parse_types(v, &mask) == 0)
				;
			else {
				sr_log_error("eval-ner: bad option or value: %s %s", a, v);
				return SR_EXIT_USAGE;
			}
			continue;
		}
		if (a[0] == '-' && a[1]) {
			sr_log_error("eval-ner: %s needs a value", a);
			return SR_EXIT_USAGE;
		}
		if (file) {
			sr_log_error("eval-ner: one input file only");
			return SR_EXIT_USAGE;
		}
		file = a;
	}
	if (!file) {
		sr_log_error("eval-ner: no input file");
		return SR_EXIT_USAGE;
	}
	int ret = SR_EXIT_FAIL, rc;
	sr_ner_model *m = NULL;
	sr_ner_tagger *tg = NULL;
	sr_ner_corpus c;
	memset(&c, 0, sizeof c);
	uint8_t *pred = NULL;
	const char **toks = NULL;
	uint32_t *slen = NULL;
	FILE *out = NULL;
	sr_buf mp;
	sr_buf_init(&mp, 8192);
	if (!model) {
		if (sr_ner_find_model(&mp) < 0) {
			sr_log_error("eval-ner: no model found (last tried %s); give --model, or "
				     "set SITREP_DATA_DIR", mp.data ? mp.data : "");
			goto out;
		}
		model = mp.data;
	}
	if ((rc = sr_ner_model_open(model, &m)) < 0) {
		sr_log_error("eval-ner: %s: %s", model,
			     rc == SR_EPARSE ? "not a sitrep NER model (or another version)"
					     : sr_strerror(rc));
		goto out;
	}
	if (read_corpus(file, &c) < 0)
		goto out;
	tg = sr_ner_tagger_new(m);
	pred = malloc(c.ntok + 1);
	toks = malloc((c.ntok + 1) * sizeof *toks);
	slen = malloc((c.nsent + 1) * sizeof *slen);
	if (!tg || !pred || !toks || !slen) {
		sr_log_error("eval-ner: out of memory");
		goto out;
	}
	for (size_t i = 0; i < c.ntok; i++)
		toks[i] = c.text + c.tok[i];
	for (size_t s = 0; s < c.nsent; s++)
		slen[s] = c.sent[s + 1] - c.sent[s];
	double t0 = now();
	for (size_t d = 0; d < c.ndoc; d++) {
		uint32_t s0 = c.doc[d], s1 = c.doc[d + 1];
		uint32_t a = c.sent[s0], b = c.sent[s1];
		rc = sr_ner_tag(tg, toks + a, NULL, b - a, slen + s0, s1 - s0, pred + a);
		if (rc == SR_ETOOBIG) {
			/* a huge "document": tag it sentence by sentence */
			for (uint32_t s = s0; s < s1 && rc >= 0; s++)
				rc = sr_ner_tag(tg, toks + c.sent[s], NULL, slen[s], NULL, 0,
						pred + c.sent[s]);
		}
		if (rc < 0) {
			sr_log_error("eval-ner: %s: document %zu: %s", file, d + 1,
				     sr_strerror(rc));
			goto out;
		}
	}
	double secs = now() - t0;
	sr_ner_counts k;
	memset(&k, 0, sizeof k);
	for (size_t s = 0; s < c.nsent; s++) {
		uint32_t a = c.sent[s];
		if (sr_ner_counts_add(&k, c.gold + a, pred + a, slen[s], mask) < 0) {
			sr_log_error("eval-ner: out of memory");
			goto out;
		}
	}
	if (outp) {
		out = fopen(outp, "w");
		if (!out) {
			sr_log_error("eval-ner: cannot write %s", outp);
			goto out;
		}
		char lb[16];
		for (size_t s = 0; s < c.nsent; s++) {
			for (uint32_t i = c.sent[s]; i < c.sent[s + 1]; i++)
				fprintf(out, "%s %s %s\n", c.text + c.tok[i], c.text + c.tag[i],
					label_str(pred[i], lb, sizeof lb));
			fputc('\n', out);
		}
		if (fclose(out) != 0) {
			out = NULL;
			sr_log_error("eval-ner: cannot write %s", outp);
			goto out;
		}
		out = NULL;
	}
	if (json) {
		sr_buf jb;
		sr_buf_init(&jb, 1 << 20);
		sr_jw w;
		sr_jw_init(&w, &jb);
		sr_jw_obj(&w);
		sr_jw_key(&w, "file");
		sr_jw_str(&w, file);
		sr_jw_key(&w, "tokens");
		sr_jw_int(&w, (int64_t)c.ntok);
		sr_jw_key(&w, "tokens_per_second");
		sr_jw_int(&w, (int64_t)(secs > 0 ? (double)c.ntok / secs : 0));
		for (int t = 0; t <= SR_NER_NTYPES; t++) {
			if (t < SR_NER_NTYPES && mask && !(mask & (1u << t)))
				continue;
			double p, r, f;
			sr_ner_prf(&k, t, &p, &r, &f);
			sr_jw_key(&w, t < SR_NER_NTYPES ? sr_ner_type_name(t) : "overall");
			sr_jw_obj(&w);
			sr_jw_key(&w, "gold");
			sr_jw_int(&w, (int64_t)k.gold[t]);
			sr_jw_key(&w, "predicted");
			sr_jw_int(&w, (int64_t)k.pred[t]);
			sr_jw_key(&w, "correct");
			sr_jw_int(&w, (int64_t)k.correct[t]);
			sr_jw_key(&w, "precision");
			sr_jw_double(&w, p);
			sr_jw_key(&w, "recall");
			sr_jw_double(&w, r);
			sr_jw_key(&w, "f1");
			sr_jw_double(&w, f);
			sr_jw_end(&w);
		}
		sr_jw_end(&w);
		if (w.rc == SR_OK)
			printf("%s\n", jb.data);
		sr_buf_release(&jb);
	} else {
		printf("%s: %zu sentences, %zu tokens, tagged in %.3f s (%.0f tokens/s)\n", file,
		       c.nsent, c.ntok, secs, secs > 0 ? (double)c.ntok / secs : 0);
		printf("%-8s %7s %7s %7s %9s %7s %7s\n", "type", "gold", "pred", "correct",
		       "precision", "recall", "F1");
		for (int t = 0; t <= SR_NER_NTYPES; t++) {
			if (t < SR_NER_NTYPES && mask && !(mask & (1u << t)))
				continue;
			double p, r, f;
			sr_ner_prf(&k, t, &p, &r, &f);
			printf("%-8s %7llu %7llu %7llu %8.2f%% %6.2f%% %6.2f\n",
			       t < SR_NER_NTYPES ? sr_ner_type_name(t) : "overall",
			       (unsigned long long)k.gold[t], (unsigned long long)k.pred[t],
			       (unsigned long long)k.correct[t], 100 * p, 100 * r, 100 * f);
		}
	}
	ret = SR_EXIT_OK;
out:
	if (out)
		fclose(out);
	sr_ner_tagger_free(tg);
	sr_ner_model_close(m);
	sr_ner_corpus_release(&c);
	free(pred);
	free(toks);
	free(slen);
	sr_buf_release(&mp);
	return ret;
}
