/* Fuzz target: reading graph files back (bilat_graph_read_file: node-link JSON or
 * GraphML, told apart by content).  A graph that reads must be consistent (edge ends
 * are nodes) and must survive a round trip: written as JSON and as GraphML, each file
 * reads back and writes the same bytes again. */
#include "bilat/bilat.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bilat_init();
    return 0;
}

/* g written in format f, in memory; *len bytes, caller frees. */
static char *write_mem(const bilat_graph_t *g, bilat_format_t f, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(bilat_graph_write(g, f, NULL, out, NULL) == BILAT_OK);
    FUZZ_CHECK(fclose(out) == 0);
    return buf;
}

static void round_trip(const bilat_graph_t *g, bilat_format_t f, const char *name)
{
    size_t len, len2;
    char *first = write_mem(g, f, &len);
    const char *path = fuzz_write_file(name, (const uint8_t *)first, len);
    bilat_graph_t *back = NULL;
    bilat_error_t err;
    FUZZ_CHECK(bilat_graph_read_file(path, &back, &err) == BILAT_OK);
    char *second = write_mem(back, f, &len2);
    FUZZ_CHECK(len == len2 && memcmp(first, second, len) == 0);
    free(second);
    free(first);
    bilat_graph_free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("input.graph", data, size);
    bilat_graph_t *g = NULL;
    bilat_error_t err;
    /* Any failure status is fine here (what matters is no crash and no leak). */
    if (bilat_graph_read_file(path, &g, &err) != BILAT_OK)
        return 0;
    for (size_t i = 0; i < g->nedges; i++)
        FUZZ_CHECK(g->edges[i].source < g->nnodes && g->edges[i].target < g->nnodes);
    round_trip(g, BILAT_FORMAT_JSON, "back.json");
    round_trip(g, BILAT_FORMAT_GRAPHML, "back.graphml");
    bilat_graph_free(g);
    return 0;
}
