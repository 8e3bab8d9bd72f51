/* Data files embedded at build time (tools/embed.c).  Each array ends with a NUL
 * byte that the _len does not count. */
#ifndef BILAT_EMBEDDED_H
#define BILAT_EMBEDDED_H

extern const unsigned char bilat_data_gazetteer[];
extern const unsigned long bilat_data_gazetteer_len;
extern const unsigned char bilat_data_lexicon[];
extern const unsigned long bilat_data_lexicon_len;
extern const unsigned char bilat_data_view_js[];
extern const unsigned long bilat_data_view_js_len;
extern const unsigned char bilat_data_view_css[];
extern const unsigned long bilat_data_view_css_len;

#endif
