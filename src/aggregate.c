/* STUB — owned by the graph modules: folding events into edges. */
#include "bilat/bilat.h"

#include <stdlib.h>
#include <string.h>

struct bilat_aggregate { bilat_graph_options_t opt; };

void bilat_graph_options_init(bilat_graph_options_t *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->min_weight = 1;
    opt->lang = "ar";
    opt->evidence = 3;
}

bilat_aggregate_t *bilat_aggregate_new(const bilat_graph_options_t *opt)
{
    bilat_aggregate_t *ag = calloc(1, sizeof *ag);
    if (ag)
        ag->opt = *opt;
    return ag;
}

bilat_status_t bilat_aggregate_add(bilat_aggregate_t *ag, const bilat_event_t *ev,
                                   bilat_error_t *err)
{
    (void)ag; (void)ev; (void)err;
    return BILAT_OK;
}

void bilat_aggregate_free(bilat_aggregate_t *ag)
{
    free(ag);
}
