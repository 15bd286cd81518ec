/*
 * banned.h - functions that must not be used anywhere in sitrep.
 *
 * Included into every translation unit by the Makefile (-include).  Each of these has a
 * bounded or re-entrant replacement: sr_buf_appendf / snprintf instead of sprintf,
 * memcpy with a checked length instead of strcpy/strcat, strtok_r instead of strtok,
 * localtime_r/gmtime_r instead of localtime/gmtime.
 */
#ifndef SR_BANNED_H
#define SR_BANNED_H

#define SR_BANNED(func) sorry_##func##_is_banned_in_sitrep

#undef strcpy
#define strcpy(x, y) SR_BANNED(strcpy)
#undef strcat
#define strcat(x, y) SR_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) SR_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) SR_BANNED(strncat)
#undef sprintf
#define sprintf(...) SR_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) SR_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) SR_BANNED(strtok)
#undef gmtime
#define gmtime(t) SR_BANNED(gmtime)
#undef localtime
#define localtime(t) SR_BANNED(localtime)
#undef asctime
#define asctime(t) SR_BANNED(asctime)
#undef ctime
#define ctime(t) SR_BANNED(ctime)

#endif
