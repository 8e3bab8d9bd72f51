/* STUB — owned by the graph modules: reading bilat's JSON and GraphML back. */
#include "bilat/bilat.h"

bilat_status_t bilat_graph_read_file(const char *path, bilat_graph_t **out, bilat_error_t *err)
{
    *out = NULL;
    return bilat_error_set(err, BILAT_EINVAL, path, 0, 0, "not implemented yet");
}
