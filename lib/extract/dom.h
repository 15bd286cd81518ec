/*
 * dom.h - small questions asked of libxml2's tree by every extraction stage (html.c,
 * meta.c, credit.c): an attribute's value, an element's name.  Inline: they sit in the
 * extractor's hottest loops.
 */
#ifndef SR_DOM_H
#define SR_DOM_H

#include <libxml/tree.h>
#include <string.h>

/* The value of attribute name (lower case, as libxml2's HTML parser gives names) of n, or
 * NULL when absent or not plain text. */
static inline const char *sr_dom_attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (a->name && strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

/* n is an element named name. */
static inline int sr_dom_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

#endif
