/*
 * script.h - an author's name in a page's script state (analytics variables, app state).
 *
 * Many pages name the author only in inline scripts: `dataLayer = [{"author": "Jane Doe"}]`,
 * `utag_data = {page_author: 'Jane Doe'}`, `"BU_author" : "Jane Doe"`, `"authors":"Jane
 * Doe"`, `"storyAuthors":[{"name":"Jane Doe", ...}]`.  This scanner reads such text without
 * running or parsing it: it looks for a key, quoted or bare, whose name holds "author",
 * "byline" or "writer" (not one that names something else about the author: an id, URL,
 * image, e-mail, role, title, bio or a comment's author), followed by ':' or '=' and a quoted
 * string, or an array or object whose first "name" is one; escaped quotes (\") count as
 * quotes, so JSON inside a JavaScript string is read too.  The value must have a person's
 * name shape (sr_script_name_shaped).  Pure; reads at most SR_SCRIPT_SCAN_MAX bytes.
 */
#ifndef SR_SCRIPT_H
#define SR_SCRIPT_H

#include <stddef.h>

/* Bytes of one script's text read at most. */
#define SR_SCRIPT_SCAN_MAX (256u * 1024u)

/* The first author name in the script text js[0..n), decoded (\uXXXX, \/, \" ...) into
 * out[0..cap) and NUL-terminated; returns its length, or 0 when there is none (or it does
 * not fit). */
size_t sr_script_author(const char *js, size_t n, char *out, size_t cap);

/* A person's name shape: two to four words of letters (and . - ' inside a word), each
 * starting with a capital, particles ("von", "de", "van", "da" ...) aside; no digits, at
 * most 60 bytes.  "Jane Doe", "J.R. Stone", "Ophélie Ostermann", "Ursula von der Leyen". */
int sr_script_name_shaped(const char *s, size_t n);

#endif
