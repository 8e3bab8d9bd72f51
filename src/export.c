/* STUB — owned by the graph modules: writers. */
#include "bilat/bilat.h"

#include <string.h>

const char *bilat_format_string(bilat_format_t f)
{
    static const char *const names[] = {"json", "cytoscape", "graphml", "gexf", "dot", "csv", "html"};
    return (unsigned)f < 7 ? names[f] : "unknown";
}

bilat_format_t bilat_format_parse(const char *name)
{
    for (int f = 0; f < BILAT_FORMAT_UNKNOWN; f++)
        if (strcmp(name, bilat_format_string((bilat_format_t)f)) == 0)
            return (bilat_format_t)f;
    return BILAT_FORMAT_UNKNOWN;
}

bilat_format_t bilat_format_from_path(const char *path)
{
    (void)path;
    return BILAT_FORMAT_JSON;
}

bilat_status_t bilat_graph_write(const bilat_graph_t *g, bilat_format_t f,
                                 const bilat_view_options_t *view, FILE *out, bilat_error_t *err)
{
    (void)g; (void)f; (void)view; (void)err;
    fputs("{}\n", out);
    return BILAT_OK;
}

bilat_status_t bilat_graph_write_file(const bilat_graph_t *g, bilat_format_t f,
                                      const bilat_view_options_t *view, const char *path,
                                      bilat_error_t *err)
{
    (void)g; (void)f; (void)view; (void)path; (void)err;
    return BILAT_OK;
}

bool bilat_measure_known(const char *name)
{
    (void)name;
    return true;
}

bilat_status_t bilat_graph_table_write(const bilat_graph_t *g, const char *sort, int top,
                                       bilat_table_format_t f, FILE *out, bilat_error_t *err)
{
    (void)g; (void)sort; (void)top; (void)f; (void)out; (void)err;
    return BILAT_OK;
}

bilat_status_t bilat_graph_ego_write(const bilat_graph_t *g, const char *code,
                                     bilat_table_format_t f, FILE *out, bilat_error_t *err)
{
    (void)g; (void)code; (void)f; (void)out; (void)err;
    return BILAT_OK;
}
