/* Status strings and bilat_error_t helpers. */
#include "bilat/bilat.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *bilat_status_string(bilat_status_t status)
{
    switch (status) {
    case BILAT_OK:
        return "success";
    case BILAT_EINVAL:
        return "invalid argument";
    case BILAT_ENOMEM:
        return "out of memory";
    case BILAT_EIO:
        return "input/output error";
    case BILAT_EDECODE:
        return "undecodable bytes";
    case BILAT_EBINARY:
        return "binary file";
    case BILAT_EPARSE:
        return "malformed data";
    case BILAT_EGRAPH:
        return "graph computation failed";
    case BILAT_EINTR:
        return "interrupted";
    case BILAT_EUNICODE:
        return "Unicode processing failed";
    }
    return "unknown error";
}

bilat_status_t bilat_error_set(bilat_error_t *err, bilat_status_t status,
                               const char *source, int line, int column, const char *fmt,
                               ...)
{
    if (!err)
        return status;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return status;
}

void bilat_error_clear(bilat_error_t *err)
{
    if (!err)
        return;
    err->text[0] = err->source[0] = '\0';
    err->line = err->column = 0;
}
