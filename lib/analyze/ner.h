/*
 * ner.h - named-entity recognition: people, organisations, places and other names (PER, ORG,
 * LOC, MISC) in tokenized English text.
 *
 * The tagger is an averaged structured perceptron over hashed sparse features (word, shape,
 * affixes, +-2 context, word clusters learned from unlabelled news, gazetteer matches, and
 * document-level consistency), decoded with Viterbi over BILOU labels.  docs/NER.md tells the
 * whole story; the model file format is specified at the top of lib/analyze/ner_model.c.
 *
 * Ownership and threads: a model (sr_ner_model) is read-only once opened and may be shared by
 * any number of threads.  A tagger (sr_ner_tagger) holds the scratch memory of one caller: use
 * one per thread, or sr_ner_tag_sentence(), which allocates its scratch for the call.
 *
 * Labels: 0 is O (outside); an entity label is 1 + 4 * type + part, type one of SR_NER_PER..
 * SR_NER_MISC and part one of B (begin), I (inside), L (last), U (unit: a one-token entity).
 * A label sequence produced by the tagger is always well formed (B I* L | U).
 */
#ifndef SR_NER_H
#define SR_NER_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* ---- Labels ------------------------------------------------------------------------------ */

enum { SR_NER_PER = 0, SR_NER_ORG = 1, SR_NER_LOC = 2, SR_NER_MISC = 3, SR_NER_NTYPES = 4 };
enum { SR_NER_B = 0, SR_NER_I = 1, SR_NER_L = 2, SR_NER_U = 3 };
#define SR_NER_O 0
#define SR_NER_NLABELS 17
#define SR_NER_LABEL(type, part) ((uint8_t)(1 + 4 * (type) + (part)))

/* Type of an entity label (-1 for O), and its part (B, I, L, U). */
static inline int sr_ner_label_type(uint8_t l) { return l ? (l - 1) / 4 : -1; }
static inline int sr_ner_label_part(uint8_t l) { return (l - 1) % 4; }
/* "PER", "ORG", "LOC", "MISC"; NULL when type is out of range. */
const char *sr_ner_type_name(int type);
/* The type named by s[0..n) ("PER", "person", "LOC", "location", "GPE", "ORG",
 * "organization", "MISC", ...: case-insensitive), or -1. */
int sr_ner_type_parse(const char *s, size_t n);

/* An entity found in a label sequence: tokens [start, end) of one type. */
typedef struct sr_ner_span {
	uint32_t start, end;
	int type;
} sr_ner_span;

/* Call fn for each entity of the label sequence labels[0..n), in order.  The sequence is read
 * as the tagger writes it (B I* L, U); a malformed sequence is read leniently (an I or L
 * without its B starts an entity, a B or I not closed ends one where the type changes or an
 * O follows).  A non-zero return of fn stops the walk and is returned. */
int sr_ner_spans(const uint8_t *labels, size_t n, int (*fn)(void *ctx, const sr_ner_span *s),
		 void *ctx);

/* ---- Tokenizer --------------------------------------------------------------------------- */

/* Split text[0..len) into tokens the way the CoNLL-2003 / Penn Treebank text the model was
 * trained on is split: at white space; opening and closing punctuation and quotes apart;
 * a sentence-final period apart unless the word is an abbreviation ("U.S.", "Corp.", "J.");
 * clitics apart ("NATO's" -> "NATO" "'s", "don't" -> "do" "n't"); hyphenated words and
 * numbers ("1,200.50", "1996-08-22") kept whole.  fn is called with each token's byte span
 * [start, end); a non-zero return stops and is returned.  Pure: no allocation. */
int sr_ner_tokenize(const char *text, size_t len,
		    int (*fn)(void *ctx, size_t start, size_t end), void *ctx);

/* ---- Model ------------------------------------------------------------------------------- */

typedef struct sr_ner_model sr_ner_model;

/* Open a model file read-only with mmap (no parsing: the sections are used in place).
 * SR_EIO when it cannot be read, SR_EPARSE when it is not a valid model (wrong magic,
 * version, sizes or checksum of the header).  The caller closes it. */
int sr_ner_model_open(const char *path, sr_ner_model **out);
/* Use a model image already in memory (p[0..n) must stay valid and 8-byte aligned until
 * close; it is not copied). */
int sr_ner_model_from_memory(const void *p, size_t n, sr_ner_model **out);
void sr_ner_model_close(sr_ner_model *m);
/* The model's description (training data, date, settings), a NUL-terminated string owned by
 * the model. */
const char *sr_ner_model_info(const sr_ner_model *m);

/* Find the shipped English model ner-en.model and write its path into out:
 *   1. $SITREP_NER_MODEL (a file), then $SITREP_DATA_DIR/ner-en.model;
 *   2. next to the running binary: <bindir>/data/, <bindir>/../data/ (a build tree:
 *      build/sitrep finds data/ner-en.model of the checkout), <bindir>/../share/sitrep/
 *      (an installed binary, prefix/bin/sitrep, finds prefix/share/sitrep/ner-en.model);
 *   3. ./data/ner-en.model.
 * SR_ENOTFOUND when none exists (out then holds the last path tried). */
int sr_ner_find_model(sr_buf *out);

/* ---- Tagging ----------------------------------------------------------------------------- */

typedef struct sr_ner_tagger sr_ner_tagger;

/* A tagger for model m (which must outlive it).  NULL when out of memory. */
sr_ner_tagger *sr_ner_tagger_new(const sr_ner_model *m);
void sr_ner_tagger_free(sr_ner_tagger *t);

/* Tag one document: tokens[0..ntok) (token i is tok[i][0..len[i]), or NUL-terminated when len
 * is NULL), split into nsent sentences of sent_len[] tokens each (sum == ntok; NULL = one
 * sentence).  Writes one label per token into labels[0..ntok).  Entities never cross a
 * sentence end.  Document-level features look at every sentence given in one call, so pass a
 * whole article at once (a single sentence is tagged from its own words only).  Tokens
 * longer than 255 bytes are treated as unknown words.
 * SR_EINVAL for bad arguments, SR_ENOMEM, SR_ETOOBIG for a sentence of more than 4096
 * tokens or a document of more than 2^18 (262,144). */
int sr_ner_tag(sr_ner_tagger *t, const char *const *tok, const size_t *len, size_t ntok,
	       const uint32_t *sent_len, size_t nsent, uint8_t *labels);

/* Tag one sentence with scratch allocated for this call (simple, slower than a reused
 * tagger). */
int sr_ner_tag_sentence(const sr_ner_model *m, const char *const *tok, size_t n,
			uint8_t *labels);

/* ---- CoNLL data -------------------------------------------------------------------------- */

/* A labelled corpus read from a CoNLL-style file. */
typedef struct sr_ner_corpus {
	char *text;          /* token and tag strings, NUL-terminated, back to back */
	uint32_t *tok;       /* [ntok] offset of token i in text */
	uint32_t *tag;       /* [ntok] offset of token i's tag as written in the file */
	uint8_t *gold;       /* [ntok] gold label (BILOU, converted from the file's scheme) */
	uint32_t *sent;      /* [nsent + 1] first token of each sentence */
	uint32_t *doc;       /* [ndoc + 1] first sentence of each document */
	size_t ntok, nsent, ndoc;
	size_t unknown_types; /* entity tags whose type was not recognised (read as MISC) */
} sr_ner_corpus;

/* Read a CoNLL-format file: one token a line, blank line between sentences, "-DOCSTART-"
 * lines between documents, "#" comment lines skipped.  Columns are split at tabs or spaces;
 * the token is the first column and the tag the last one that looks like a tag (O, B-X, I-X,
 * E-X, S-X, L-X, U-X) - except when the first column is a number and the third a tag (the
 * UNER / CoNLL-U layout "index token tag ..."), then token and tag are columns 2 and 3.
 * Tags may be IOB1 (CoNLL-2003), IOB2 or BIOES/BILOU; chunks are read as conlleval reads
 * them.  max caps the file size.  SR_EIO, SR_ETOOBIG, SR_EPARSE (with the line number in
 * *errline when not NULL), SR_ENOMEM. */
int sr_ner_corpus_read(const char *path, size_t max, sr_ner_corpus *c, size_t *errline);
/* The same from memory. */
int sr_ner_corpus_parse(const char *data, size_t n, sr_ner_corpus *c, size_t *errline);
void sr_ner_corpus_release(sr_ner_corpus *c);

/* ---- Evaluation -------------------------------------------------------------------------- */

/* Entity-level counts as conlleval computes them: an entity is correct only when its span
 * and its type both match.  Index SR_NER_NTYPES holds the totals. */
typedef struct sr_ner_counts {
	uint64_t gold[SR_NER_NTYPES + 1];
	uint64_t pred[SR_NER_NTYPES + 1];
	uint64_t correct[SR_NER_NTYPES + 1];
	uint64_t tokens, tokens_correct;
} sr_ner_counts;

/* Add one sentence: gold and predicted labels of n tokens.  Entities whose type bit is not
 * set in type_mask (bit t for type t; 0 = all types) are ignored on both sides.  SR_OK or
 * SR_ENOMEM (c is then unchanged). */
int sr_ner_counts_add(sr_ner_counts *c, const uint8_t *gold, const uint8_t *pred, size_t n,
		       unsigned type_mask);
/* Precision, recall and F1 (in 0..1) for type t, or the totals with t == SR_NER_NTYPES.
 * 0 where undefined. */
void sr_ner_prf(const sr_ner_counts *c, int t, double *p, double *r, double *f1);

/* ---- Training ---------------------------------------------------------------------------- */

typedef struct sr_ner_train_opts {
	int epochs;              /* passes over the training data (0: 10) */
	uint64_t seed;           /* shuffling seed (same seed and data: same model) */
	int table_bits;          /* log2 of the feature table rows (0: 16) */
	int folds;               /* jackknife folds for gazetteer and stage-1 features (0: 5) */
	int stages;              /* 1: local features only; 2: + document features (0: 2) */
	const char *clusters;    /* word cluster file (see data/ner/), NULL for none */
	const char *info;        /* free text stored in the model (provenance) */
	/* Called after each epoch with the dev F1 (or -1 without dev); may be NULL. */
	void (*progress)(void *ctx, int stage, int epoch, double train_err, double dev_f1);
	void *ctx;
} sr_ner_train_opts;

/* Train a model on train and write it to out_path.  dev (optional) is only scored after each
 * epoch for the progress report: it never changes the model.  Single-threaded.  SR_EINVAL
 * (empty corpus or bad options), SR_EIO, SR_ENOMEM, SR_EPARSE (bad cluster file). */
int sr_ner_train(const sr_ner_corpus *train, const sr_ner_corpus *dev,
		 const sr_ner_train_opts *opts, const char *out_path);

#endif
