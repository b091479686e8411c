/*
 * report/text_wrap.h - folding the terminal report to the terminal's width.
 */
#ifndef PA_TEXT_WRAP_H
#define PA_TEXT_WRAP_H

#include "core/util.h"

/* Fold every line of b from byte `from` on to `width` columns, at spaces,
 * continuation lines indented under the line's text. width <= 0: no change. */
void txw_wrap(sbuf *b, size_t from, int width);

#endif
