/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <string.h>

#include "freight.h"
#include "lo-format.h"
#include "lo-record-json.h"
#include "lo-server-private.h"

/* The REST resources: version root, describeGlobal, describe, records, query, limits. */

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_object_urls (JsonBuilder *b,
                 LoRequest   *req,
                 LoObject    *object)
{
  g_autofree char *base = g_strdup_printf ("/services/data/v%s/sobjects/%s", req->version,
                                           object->name);
  g_autofree char *describe = g_strconcat (base, "/describe", NULL);
  g_autofree char *row = g_strconcat (base, "/{ID}", NULL);

  json_builder_set_member_name (b, "urls");
  json_builder_begin_object (b);
  add_string (b, "sobject", base);
  add_string (b, "describe", describe);
  add_string (b, "rowTemplate", row);
  json_builder_end_object (b);
}

/* The DescribeGlobalResult entry of §7.2; attributes the schema does not carry take the
 * values a standard object has in a Developer Edition org. */
static void
add_global_entry (JsonBuilder *b,
                  LoRequest   *req,
                  LoObject    *object)
{
  gboolean activity = g_str_equal (object->name, "Task");

  json_builder_begin_object (b);
  add_bool (b, "activateable", FALSE);
  add_bool (b, "createable", object->createable);
  add_bool (b, "custom", object->custom);
  add_bool (b, "customSetting", FALSE);
  add_bool (b, "dataTranslationEnabled", FALSE);
  add_bool (b, "deepCloneable", FALSE);
  add_bool (b, "deletable", object->deletable);
  add_bool (b, "deprecatedAndHidden", FALSE);
  add_bool (b, "feedEnabled", !activity && !g_str_equal (object->name, "User") ? TRUE : FALSE);
  add_bool (b, "hasSubtypes", FALSE);
  add_bool (b, "idEnabled", TRUE);
  add_bool (b, "isInterface", FALSE);
  add_bool (b, "isSubtype", FALSE);
  add_string (b, "keyPrefix", object->key_prefix);
  add_string (b, "label", object->label);
  add_string (b, "labelPlural", object->label_plural);
  add_bool (b, "layoutable", TRUE);
  add_bool (b, "mergeable", g_str_equal (object->name, "Account")
                            || g_str_equal (object->name, "Contact")
                            || g_str_equal (object->name, "Lead"));
  add_bool (b, "mruEnabled", !activity);
  add_string (b, "name", object->name);
  add_bool (b, "queryable", object->queryable);
  add_bool (b, "replicateable", TRUE);
  add_bool (b, "retrieveable", TRUE);
  add_bool (b, "searchable", TRUE);
  add_bool (b, "triggerable", TRUE);
  add_bool (b, "undeletable", object->deletable);
  add_bool (b, "updateable", object->updateable);
  add_object_urls (b, req, object);
  json_builder_end_object (b);
}

static void
reply_describe_global (LoRequest *req)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  LoSchema *schema = req->server->schema;

  json_builder_begin_object (b);
  add_string (b, "encoding", "UTF-8");
  json_builder_set_member_name (b, "maxBatchSize");
  json_builder_add_int_value (b, 200);
  json_builder_set_member_name (b, "sobjects");
  json_builder_begin_array (b);
  for (guint i = 0; i < schema->objects->len; i++)
    add_global_entry (b, req, g_ptr_array_index (schema->objects, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

/* Field attributes describe always has; the schema lists the ones that matter to loads,
 * the rest get the values most fields have. */
static const struct
{
  const char *name;
  gboolean    value;
} field_defaults[] = {
  { "aggregatable", TRUE }, { "aiPredictionField", FALSE }, { "cascadeDelete", FALSE },
  { "dependentPicklist", FALSE }, { "deprecatedAndHidden", FALSE },
  { "displayLocationInDecimal", FALSE }, { "encrypted", FALSE }, { "filterable", TRUE },
  { "formulaTreatNullNumberAsZero", FALSE }, { "groupable", TRUE },
  { "highScaleNumber", FALSE }, { "htmlFormatted", FALSE }, { "namePointing", FALSE },
  { "permissionable", TRUE }, { "queryByDistance", FALSE }, { "restrictedDelete", FALSE },
  { "searchPrefilterable", FALSE }, { "sortable", TRUE }, { "writeRequiresMasterRead", FALSE },
};

static const char *null_defaults[] = {
  "calculatedFormula", "compoundFieldName", "controllerName", "defaultValue",
  "defaultValueFormula", "extraTypeInfo", "filteredLookupInfo", "inlineHelpText", "mask",
  "maskType", "referenceTargetField", "relationshipOrder",
};

static void
add_field (JsonBuilder *b,
           LoField     *field)
{
  GList *members = json_object_get_members (field->describe);

  json_builder_begin_object (b);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_has_prefix (name, "x-"))
        continue;
      json_builder_set_member_name (b, name);
      json_builder_add_value (b, json_node_copy (json_object_get_member (field->describe,
                                                                         name)));
    }
  g_list_free (members);
  for (guint i = 0; i < G_N_ELEMENTS (field_defaults); i++)
    if (!json_object_has_member (field->describe, field_defaults[i].name))
      add_bool (b, field_defaults[i].name,
                field_defaults[i].value && field->type != LO_FIELD_TEXTAREA
                && !(g_str_equal (field_defaults[i].name, "permissionable")
                     && (!field->nillable || field->type == LO_FIELD_ID)));
  for (guint i = 0; i < G_N_ELEMENTS (null_defaults); i++)
    if (!json_object_has_member (field->describe, null_defaults[i]))
      add_string (b, null_defaults[i], NULL);
  json_builder_end_object (b);
}

static void
add_child_relationships (JsonBuilder *b,
                         LoSchema    *schema,
                         LoObject    *parent)
{
  json_builder_set_member_name (b, "childRelationships");
  json_builder_begin_array (b);
  for (guint i = 0; i < schema->objects->len; i++)
    {
      LoObject *child = g_ptr_array_index (schema->objects, i);

      for (guint j = 0; j < child->fields->len; j++)
        {
          LoField *field = g_ptr_array_index (child->fields, j);
          g_autofree char *plural = NULL;

          if (!g_strv_contains ((const char * const *) field->reference_to, parent->name))
            continue;
          plural = g_str_has_suffix (child->name, "__c")
                   ? g_strdup_printf ("%.*s__r", (int) strlen (child->name) - 3, child->name)
                   : g_strdup_printf ("%ss", child->name);
          json_builder_begin_object (b);
          add_bool (b, "cascadeDelete", FALSE);
          add_string (b, "childSObject", child->name);
          add_bool (b, "deprecatedAndHidden", FALSE);
          add_string (b, "field", field->name);
          json_builder_set_member_name (b, "junctionIdListNames");
          json_builder_begin_array (b);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "junctionReferenceTo");
          json_builder_begin_array (b);
          json_builder_end_array (b);
          /* Only the standard lookups to their own parent have a relationship name. */
          add_string (b, "relationshipName",
                      field->relationship_name != NULL
                      && !g_str_has_prefix (field->name, "CreatedBy")
                      && !g_str_has_prefix (field->name, "LastModifiedBy")
                      && !g_str_has_prefix (field->name, "Owner")
                      && !g_str_has_prefix (field->name, "MasterRecord")
                      ? plural : NULL);
          add_bool (b, "restrictedDelete", FALSE);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
}

static void
reply_describe (LoRequest *req,
                LoObject  *object)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char master[19];

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "actionOverrides");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  add_bool (b, "activateable", FALSE);
  add_child_relationships (b, req->server->schema, object);
  add_bool (b, "compactLayoutable", TRUE);
  add_bool (b, "createable", object->createable);
  add_bool (b, "custom", object->custom);
  add_bool (b, "customSetting", FALSE);
  add_bool (b, "deletable", object->deletable);
  add_bool (b, "deprecatedAndHidden", FALSE);
  add_bool (b, "feedEnabled", TRUE);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < object->fields->len; i++)
    add_field (b, g_ptr_array_index (object->fields, i));
  json_builder_end_array (b);
  add_bool (b, "hasSubtypes", FALSE);
  add_bool (b, "isSubtype", FALSE);
  add_string (b, "keyPrefix", object->key_prefix);
  add_string (b, "label", object->label);
  add_string (b, "labelPlural", object->label_plural);
  add_bool (b, "layoutable", TRUE);
  add_bool (b, "listviewable", TRUE);
  add_bool (b, "lookupLayoutable", TRUE);
  add_bool (b, "mergeable", FALSE);
  add_bool (b, "mruEnabled", TRUE);
  add_string (b, "name", object->name);
  json_builder_set_member_name (b, "namedLayoutInfos");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  add_string (b, "networkScopeFieldName", NULL);
  add_bool (b, "queryable", object->queryable);
  /* Every object has the master record type, "012000000000000AAA". */
  freight_sf_id_to_18 ("012000000000000", 15, master);
  json_builder_set_member_name (b, "recordTypeInfos");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_bool (b, "active", TRUE);
  add_bool (b, "available", TRUE);
  add_bool (b, "defaultRecordTypeMapping", TRUE);
  add_string (b, "developerName", "Master");
  add_bool (b, "master", TRUE);
  add_string (b, "name", "Master");
  add_string (b, "recordTypeId", master);
  json_builder_set_member_name (b, "urls");
  json_builder_begin_object (b);
  {
    g_autofree char *url = g_strdup_printf ("/services/data/v%s/sobjects/%s/describe/layouts/%s",
                                            req->version, object->name, master);

    add_string (b, "layout", url);
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  add_bool (b, "replicateable", TRUE);
  add_bool (b, "retrieveable", TRUE);
  add_bool (b, "searchLayoutable", TRUE);
  add_bool (b, "searchable", TRUE);
  json_builder_set_member_name (b, "supportedScopes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "label", "All");
  add_string (b, "name", "everything");
  json_builder_end_object (b);
  json_builder_end_array (b);
  add_bool (b, "triggerable", TRUE);
  add_bool (b, "undeletable", object->deletable);
  add_bool (b, "updateable", object->updateable);
  add_object_urls (b, req, object);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

static void
reply_sobject_info (LoRequest *req,
                    LoObject  *object)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "objectDescribe");
  add_global_entry (b, req, object);
  json_builder_set_member_name (b, "recentItems");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

static void
reply_record (LoRequest  *req,
              LoObject   *object,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *fields = _lo_server_query_param (req, "fields");
  char id18[19];

  if (!freight_sf_id_to_18 (id, -1, id18)
      || lo_schema_lookup_object_by_prefix (req->server->schema, id18) != object)
    {
      g_autofree char *message = g_strdup_printf ("Provided external ID field does not exist "
                                                  "or is not accessible: %s", id);

      _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", message);
      return;
    }
  node = lo_record_json_fetch (req->server->store, object, id18, fields, req->version,
                               &error);
  if (node == NULL && error != NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALID_FIELD", error->message);
      return;
    }
  if (node == NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                              "The requested resource does not exist");
      return;
    }
  _lo_server_reply_json (req, SOUP_STATUS_OK, node);
}

static void
add_limit (JsonBuilder *b,
           const char  *name,
           gint64       max,
           gint64       used)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Max");
  json_builder_add_int_value (b, max);
  json_builder_set_member_name (b, "Remaining");
  json_builder_add_int_value (b, MAX (0, max - used));
  json_builder_end_object (b);
}

static void
reply_limits (LoRequest *req)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  LoCounters *c = &req->server->counters;

  json_builder_begin_object (b);
  add_limit (b, "ConcurrentAsyncGetReportInstances", 200, 0);
  add_limit (b, "ConcurrentSyncReportRuns", 20, 0);
  add_limit (b, "DailyApiRequests", LO_LIMIT_API_REQUESTS, g_atomic_int_get (&c->api_requests));
  add_limit (b, "DailyAsyncApexExecutions", 250000, 0);
  add_limit (b, "DailyBulkApiBatches", LO_LIMIT_BULK_BATCHES,
             g_atomic_int_get (&c->bulk_batches));
  add_limit (b, "DailyBulkApiRequests", 10000, g_atomic_int_get (&c->ingest_jobs));
  add_limit (b, "DailyBulkV2QueryFileStorageMB", 976562, 0);
  add_limit (b, "DailyBulkV2QueryJobs", LO_LIMIT_QUERY_JOBS, g_atomic_int_get (&c->query_jobs));
  add_limit (b, "DataStorageMB", 5, 0);
  add_limit (b, "FileStorageMB", 20, 0);
  add_limit (b, "HourlyTimeBasedWorkflow", 1000, 0);
  add_limit (b, "SingleEmail", 15, 0);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

static void
reply_version_root (LoRequest *req)
{
  static const char *resources[] = {
    "sobjects", "query", "queryAll", "limits", "jobs/ingest", "jobs/query",
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      g_autofree char *url = g_strdup_printf ("/services/data/v%s/%s", req->version,
                                              resources[i]);
      g_autofree char *name = g_strdelimit (g_strdup (resources[i]), "/", '-');

      add_string (b, i >= 4 ? name : resources[i], url);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

static gboolean
require_get (LoRequest *req)
{
  if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf ("HTTP Method '%s' not allowed. Allowed are "
                                                "GET,HEAD", req->method);

    _lo_server_reply_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                            message);
  }
  return FALSE;
}

void
_lo_server_handle_rest (LoRequest *req)
{
  char **s = req->segments;
  guint n = req->n_segments;
  LoObject *object;

  if (!require_get (req))
    return;
  if (n == 3)
    {
      reply_version_root (req);
      return;
    }
  if (g_str_equal (s[3], "limits") && n == 4)
    {
      reply_limits (req);
      return;
    }
  if ((g_str_equal (s[3], "query") || g_str_equal (s[3], "queryAll")) && n <= 5)
    {
      _lo_server_handle_rest_query (req, g_str_equal (s[3], "queryAll"), n == 5 ? s[4] : NULL);
      return;
    }
  if (g_str_equal (s[3], "tooling") && n == 5 && g_str_equal (s[4], "query"))
    {
      /* The local org has no Tooling API; the sf CLI accepts a 400 here (§11). */
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALID_TYPE",
                              "sObject type is not supported by this org's Tooling API.");
      return;
    }
  if (g_str_equal (s[3], "sobjects"))
    {
      if (n == 4)
        {
          reply_describe_global (req);
          return;
        }
      object = lo_schema_lookup_object (req->server->schema, s[4]);
      if (object == NULL)
        {
          g_autofree char *message = g_strdup_printf ("The requested resource does not exist");

          _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", message);
          return;
        }
      if (n == 5)
        {
          reply_sobject_info (req, object);
          return;
        }
      if (n == 6 && g_str_equal (s[5], "describe"))
        {
          reply_describe (req, object);
          return;
        }
      if (n == 6)
        {
          reply_record (req, object, s[5]);
          return;
        }
    }
  _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                          "The requested resource does not exist");
}
