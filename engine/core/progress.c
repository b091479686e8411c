/*
 * core/progress.c - the progress line. Updates come from the file loaders and
 * from rule workers (several threads each, hence the mutex); all of
 * them go through draw(), which throttles by wall time.
 */
#include "core/progress.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int enabled;
static int drawn;
static double last;
static _Thread_local double file_start; /* per loader thread (load/parallel.c) */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_enable(int on)
{
    enabled = on;
}

void progress_file(void)
{
    file_start = now();
}

/* Draw unless the last draw was under 0.1 s ago (force draws anyway). */
static void draw(const char *text, int force)
{
    double t = now();
    if (!force && t - last < 0.1)
        return;
    last = t;
    fprintf(stderr, "\r\033[K%s", text);
    fflush(stderr);
    drawn = 1;
}

void progress_load(const char *file, size_t rows)
{
    if (!enabled)
        return;
    char text[512];
    double secs = now() - file_start;
    snprintf(text, sizeof text, "pmoaudit: loading %s: %zu rows (%.0f rows/s)", file, rows,
             secs > 0 ? (double)rows / secs : 0.0);
    pthread_mutex_lock(&lock);
    draw(text, 0);
    pthread_mutex_unlock(&lock);
}

void progress_rule(const char *id, int done, int total)
{
    if (!enabled)
        return;
    char text[256];
    snprintf(text, sizeof text, "pmoaudit: rules %d/%d (%s done)", done, total, id);
    pthread_mutex_lock(&lock);
    draw(text, done == total);
    pthread_mutex_unlock(&lock);
}

void progress_clear(void)
{
    pthread_mutex_lock(&lock);
    if (enabled && drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        drawn = 0;
    }
    pthread_mutex_unlock(&lock);
}
