/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-describe-cache.h"
#include "freight-http-error.h"
#include "freight-org-session.h"
#include "freight-org-session-private.h"

/* The org's metadata through its session: describeGlobal and sObject describes (cached
 * per org and API version) and /limits. */

static gboolean
is_sobject_name (const char *name)
{
  if (name == NULL || !g_ascii_isalpha (*name) || strlen (name) > 255)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static JsonObject *
describe_cached (FreightOrgSession  *self,
                 const char         *name,
                 const char         *path,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *version = NULL;
  g_autofree char *org_id = NULL;
  FreightDescribeCache *cache;
  JsonObject *describe;

  if (!_freight_org_session_ensure_connected (self, cancellable, error))
    return NULL;

  version = freight_org_session_dup_api_version (self);
  org_id = freight_org_session_dup_org_id (self);

  cache = _freight_org_session_get_describe_cache (self);
  describe = freight_describe_cache_lookup (cache, org_id, version, name);
  if (describe != NULL)
    return describe;

  node = _freight_org_session_get_json (self, path, cancellable, error);
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      freight_set_remote_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_INVALID_RESPONSE,
                                200, NULL,
                                _("The describe of %s is not a JSON object."), name);
      return NULL;
    }

  describe = json_object_ref (json_node_get_object (node));
  freight_describe_cache_store (cache, org_id, version, name, describe);
  return describe;
}

/**
 * freight_org_session_describe_global:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The org's objects (`GET sobjects`), from the cache when it is fresh. Blocks.
 *
 * Returns: (transfer full): the describeGlobal answer, a new object of the caller's
 */
JsonObject *
freight_org_session_describe_global (FreightOrgSession  *self,
                                     GCancellable       *cancellable,
                                     GError            **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  return describe_cached (self, FREIGHT_DESCRIBE_GLOBAL, "sobjects", cancellable, error);
}

/**
 * freight_org_session_describe_sobject:
 * @self: a session
 * @name: an sObject API name, e.g. "Account" or "Invoice__c"
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * One object's describe (fields, relationships…), from the cache when it is fresh.
 * Blocks.
 *
 * Returns: (transfer full): the describe answer, a new object of the caller's
 */
JsonObject *
freight_org_session_describe_sobject (FreightOrgSession  *self,
                                      const char         *name,
                                      GCancellable       *cancellable,
                                      GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  JsonObject *describe;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!is_sobject_name (name))
    {
      g_set_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_INVALID_NAME,
                   _("“%s” is not an object API name (letters, digits and underscores, "
                     "starting with a letter, e.g. Account or Invoice__c)."), name);
      return NULL;
    }

  path = g_strconcat ("sobjects/", name, "/describe", NULL);
  describe = describe_cached (self, name, path, cancellable, &local_error);
  if (describe == NULL)
    {
      if (g_error_matches (local_error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_NOT_FOUND))
        g_prefix_error (&local_error,
                        _("The object %s does not exist in this org, or the user cannot "
                          "see it: "), name);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return describe;
}

/**
 * freight_org_session_forget_describes:
 * @self: a session
 *
 * Drops this org's cached describes, e.g. after its schema changed.
 */
void
freight_org_session_forget_describes (FreightOrgSession *self)
{
  g_autofree char *org_id = NULL;

  g_return_if_fail (FREIGHT_IS_ORG_SESSION (self));

  org_id = freight_org_session_dup_org_id (self);
  freight_describe_cache_clear (_freight_org_session_get_describe_cache (self),
                                org_id);
}

/**
 * freight_org_session_get_limits:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The org's limits (`GET limits`), never cached: read them with freight_limits_lookup().
 * Blocks.
 *
 * Returns: (transfer full): the limits object
 */
JsonObject *
freight_org_session_get_limits (FreightOrgSession  *self,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  node = _freight_org_session_get_json (self, "limits", cancellable, error);
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      freight_set_remote_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_INVALID_RESPONSE,
                                200, NULL, _("The org's limits are not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

/**
 * freight_limits_lookup:
 * @limits: an answer of freight_org_session_get_limits()
 * @name: a limit, e.g. "DailyBulkApiBatches" or "DailyApiRequests"
 * @max: (out) (optional): its maximum
 * @remaining: (out) (optional): what is left
 *
 * Returns: whether @limits has @name
 */
gboolean
freight_limits_lookup (JsonObject *limits,
                       const char *name,
                       gint64     *max,
                       gint64     *remaining)
{
  JsonNode *node;
  JsonObject *limit;

  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  node = json_object_get_member (limits, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  limit = json_node_get_object (node);
  if (!json_object_has_member (limit, "Max") || !json_object_has_member (limit, "Remaining"))
    return FALSE;

  if (max != NULL)
    *max = json_object_get_int_member (limit, "Max");
  if (remaining != NULL)
    *remaining = json_object_get_int_member (limit, "Remaining");
  return TRUE;
}

