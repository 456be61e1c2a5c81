/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-csv-types.h"

G_BEGIN_DECLS

/* Helpers shared by the CSV engine's files: character decoders, the UTF-8 validator and
 * repair. Not part of the public API. */

/* The vector code paths. FREIGHT_CSV_PORTABLE builds the plain C ones that other
 * architectures run, so that the tests cover them too. */
#if defined (__SSE2__) && !defined (FREIGHT_CSV_PORTABLE)
#define _FREIGHT_CSV_SSE2 1
#include <emmintrin.h>
#endif

/* Readable bytes a buffer keeps after its data, for word and vector loads past the end. */
#define _FREIGHT_CSV_PADDING 64

/* The decoders write this byte, never valid in UTF-8, where the input was not valid in its
 * encoding, so that the UTF-8 validator finds the spot. In UTF-16 it stands for one 16-bit
 * unit (two bytes); _FREIGHT_CSV_MARK_ODD_BYTE stands for a lone last byte. */
#define _FREIGHT_CSV_MARK_INVALID  0xFF
#define _FREIGHT_CSV_MARK_ODD_BYTE 0xFE

/* The longest UTF-8 output of one decoder step. */
#define _FREIGHT_CSV_DECODE_MAX_STEP 4

void     _freight_csv_decode               (FreightCsvEncoding  encoding,
                                            const guint8       *in,
                                            gsize               in_len,
                                            gboolean            at_eof,
                                            guint8             *out,
                                            gsize               out_size,
                                            gsize              *in_used,
                                            gsize              *out_used);
guint64  _freight_csv_source_length        (FreightCsvEncoding  encoding,
                                            const guint8       *utf8,
                                            gsize               len);
gsize    _freight_csv_utf8_check           (const guint8       *data,
                                            gsize               len,
                                            gboolean            nul_is_error);
gsize    _freight_csv_utf8_check_padded    (const guint8       *data,
                                            gsize               len);
gsize    _freight_csv_utf8_sequence_length (const guint8       *data,
                                            gsize               len);
gsize    _freight_csv_utf8_count_chars     (const guint8       *data,
                                            gsize               len);
void     _freight_csv_utf8_repair          (GString            *out,
                                            const guint8       *data,
                                            gsize               len);
gboolean _freight_csv_is_valid_delimiter   (char                delimiter);

/* Appends CSV text that is already fields of the writer's delimiter (a row read with
 * _freight_csv_reader_get_row_bytes()), after a delimiter if the row has fields. */
typedef struct _FreightCsvWriter FreightCsvWriter;
void     _freight_csv_writer_add_raw       (FreightCsvWriter   *writer,
                                            const char         *text,
                                            gsize               len);

G_END_DECLS
