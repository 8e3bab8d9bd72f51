/* STUB — owned by the view: the HTML report. */
#include "view_internal.h"
#include "embedded.h"

bilat_status_t bilat_view_write(const bilat_graph_t *g, const bilat_view_options_t *opt,
                                FILE *out, bilat_error_t *err)
{
    (void)g; (void)opt; (void)err;
    fputs("<!DOCTYPE html><html><body></body></html>\n", out);
    return BILAT_OK;
}
