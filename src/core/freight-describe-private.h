/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-describe-field.h"
#include "freight-operation.h"

G_BEGIN_DECLS

/* Reading describe JSON strictly: a member that is absent or null takes its default, a
 * member of the wrong type is an error naming @context ("Account", "Account.Name"). */

gboolean _freight_json_get_string  (JsonObject  *object,
                                    const char  *member,
                                    const char  *context,
                                    const char **value,
                                    GError     **error);
gboolean _freight_json_get_boolean (JsonObject  *object,
                                    const char  *member,
                                    gboolean     default_value,
                                    const char  *context,
                                    gboolean    *value,
                                    GError     **error);
gboolean _freight_json_get_uint    (JsonObject  *object,
                                    const char  *member,
                                    const char  *context,
                                    guint       *value,
                                    GError     **error);

/* The attributes an sObject has both in describeGlobal and in its own describe. */
typedef struct
{
  char     *name;
  char     *label;
  char     *label_plural;
  char     *key_prefix;
  gboolean  custom;
  gboolean  custom_setting;
  gboolean  createable;
  gboolean  updateable;
  gboolean  deletable;
  gboolean  queryable;
} FreightSobjectInfo;

gboolean _freight_sobject_info_parse          (FreightSobjectInfo *info,
                                               JsonObject         *json,
                                               GError            **error);
void     _freight_sobject_info_clear          (FreightSobjectInfo *info);
gboolean _freight_sobject_info_allows         (const FreightSobjectInfo *info,
                                               FreightOperation          operation);

/* Whether @value (@length bytes) is exactly the API name of an active picklist value
 * (or of any value, with @active_only FALSE): the load pipeline's quick check. */
gboolean _freight_describe_field_has_exact_picklist_value (FreightDescribeField *field,
                                                           const char           *value,
                                                           gsize                 length,
                                                           gboolean              active_only);

/* A key for comparing names and picklist values without regard to case. */
char    *_freight_casefold                    (const char *text,
                                               gssize      length);

G_END_DECLS
