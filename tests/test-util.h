/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight.h"

G_BEGIN_DECLS

/* Helpers shared by the unit tests. */

JsonNode              *test_load_json         (const char *path);
JsonNode              *test_parse_json        (const char *text);
FreightDescribeObject *test_schema_object     (const char *name);
FreightDescribeObject *test_describe_object   (const char *json_text);
FreightDescribeField  *test_describe_field    (const char *json_text);
char                  *test_data_path         (const char *first_element,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
