/*
 * df_en.h - the background document frequencies of English terms (data/df/df-en.bin,
 * built by data/df/build.sh), compiled into the library by the Makefile.
 */
#ifndef SR_DF_EN_H
#define SR_DF_EN_H

#include <stddef.h>

extern const unsigned char sr_df_en[];
extern const size_t sr_df_en_len;

#endif
