/*
 * flag.h - a stop flag: set by a signal handler or another thread, read by a loop in
 * another thread (the fetcher between transfers, curl's progress callback).  C11's atomic
 * int, which is lock-free wherever we build (so a signal handler may store to it), rather
 * than volatile sig_atomic_t, which is no synchronisation between threads.
 */
#ifndef SR_FLAG_H
#define SR_FLAG_H

#include <stdatomic.h>

typedef _Atomic int sr_flag;

#endif
