/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-org-private.h"
#include "freight-org-secrets.h"
#include "freight-org-store.h"

/* Org secrets and the keyring: Freight's libsecret schema
 * (io.github.freightapp.Freight.Org, attributes org-id, username and kind), and the
 * reads and writes FreightOrgStore makes. Values are wiped from memory when freed. */

static const char * const secret_kinds[FREIGHT_ORG_N_SECRETS] = {
  "refresh-token",
  "access-token",
  "password",
  "security-token",
  "client-secret",
  "key-passphrase",
};

/**
 * freight_org_secret_schema:
 *
 * Returns: (transfer none): Freight's libsecret schema for org secrets
 */
const SecretSchema *
freight_org_secret_schema (void)
{
  static const SecretSchema schema = {
    "io.github.freightapp.Freight.Org", SECRET_SCHEMA_NONE,
    {
      { "org-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

FreightOrgSecrets *
freight_org_secrets_new (void)
{
  return g_new0 (FreightOrgSecrets, 1);
}

static void
wipe (char **value)
{
  if (*value != NULL)
    memset (*value, 0, strlen (*value));
  g_clear_pointer (value, g_free);
}

void
freight_org_secrets_set (FreightOrgSecrets    *secrets,
                         FreightOrgSecretKind  kind,
                         const char           *value)
{
  g_return_if_fail (secrets != NULL);
  g_return_if_fail (kind < FREIGHT_ORG_N_SECRETS);

  wipe (&secrets->values[kind]);
  if (value != NULL && *value != '\0')
    secrets->values[kind] = g_strdup (value);
}

const char *
freight_org_secrets_get (FreightOrgSecrets    *secrets,
                         FreightOrgSecretKind  kind)
{
  g_return_val_if_fail (secrets != NULL, NULL);
  g_return_val_if_fail (kind < FREIGHT_ORG_N_SECRETS, NULL);

  return secrets->values[kind];
}

void
freight_org_secrets_free (FreightOrgSecrets *secrets)
{
  if (secrets == NULL)
    return;
  for (guint i = 0; i < FREIGHT_ORG_N_SECRETS; i++)
    wipe (&secrets->values[i]);
  g_free (secrets);
}

/**
 * freight_org_secrets_copy:
 * @secrets: (nullable): secrets
 *
 * Returns: (transfer full): a copy (empty for %NULL)
 */
FreightOrgSecrets *
freight_org_secrets_copy (FreightOrgSecrets *secrets)
{
  FreightOrgSecrets *copy = freight_org_secrets_new ();

  for (guint i = 0; secrets != NULL && i < FREIGHT_ORG_N_SECRETS; i++)
    copy->values[i] = g_strdup (secrets->values[i]);
  return copy;
}

/**
 * freight_org_secret_kind_to_string:
 * @kind: a kind of secret
 *
 * Returns: the value of the keyring item's "kind" attribute, e.g. "refresh-token"
 */
const char *
freight_org_secret_kind_to_string (FreightOrgSecretKind kind)
{
  g_return_val_if_fail (kind < FREIGHT_ORG_N_SECRETS, NULL);

  return secret_kinds[kind];
}

static void
set_keyring_error (GError     **error,
                   GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_KEYRING,
               _("Freight keeps passwords and tokens only in the keyring, and the keyring "
                 "could not be used (%s). Make sure GNOME Keyring or another Secret "
                 "Service is running and unlocked, then try again."),
               cause->message);
}

/* Every write to the keyring goes through here, one at a time, the renewed tokens written
 * in the background too: two writes of the same item never meet. Items are updated in
 * place and created only when missing. Replacing an item (CreateItem with "replace"), as
 * secret_password_store() does, makes gnome-keyring-daemon warn "asked to register item
 * …, but it's already registered" (and exit, when warnings are fatal for it). */
static GMutex write_lock;

/* The org's items of @kind (or of every kind for a negative @kind). */
static GList *
search_items (const char         *org_id,
              const char         *username,
              int                 kind,
              SecretSearchFlags   flags,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, error);
  if (service == NULL)
    return NULL;

  if (kind >= 0)
    attributes = secret_attributes_build (freight_org_secret_schema (),
                                          "org-id", org_id,
                                          "username", username,
                                          "kind", secret_kinds[kind],
                                          NULL);
  else
    attributes = secret_attributes_build (freight_org_secret_schema (),
                                          "org-id", org_id,
                                          "username", username,
                                          NULL);

  return secret_service_search_sync (service, freight_org_secret_schema (), attributes,
                                     flags, cancellable, error);
}

static gboolean
store_locked (const char    *org_id,
              const char    *username,
              int            kind,
              const char    *label,
              const char    *value,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SecretValue) secret = NULL;
  GList *items;
  SecretItem *item;
  gboolean ok = TRUE;

  /* Unlocked, to set the secret. */
  items = search_items (org_id, username, kind, SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                        cancellable, &local_error);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  if (items == NULL)
    {
      if (!secret_password_store_sync (freight_org_secret_schema (), SECRET_COLLECTION_DEFAULT,
                                       label, value, cancellable, &local_error,
                                       "org-id", org_id,
                                       "username", username,
                                       "kind", secret_kinds[kind],
                                       NULL))
        {
          set_keyring_error (error, local_error);
          return FALSE;
        }
      return TRUE;
    }

  /* The first item takes the value; any duplicate (from elsewhere) goes. */
  item = items->data;
  secret = secret_value_new (value, -1, "text/plain");
  ok = secret_item_set_secret_sync (item, secret, cancellable, &local_error);
  if (ok && g_strcmp0 (secret_item_get_label (item), label) != 0)
    ok = secret_item_set_label_sync (item, label, cancellable, &local_error);
  for (GList *l = items->next; ok && l != NULL; l = l->next)
    ok = secret_item_delete_sync (l->data, cancellable, &local_error);
  g_list_free_full (items, g_object_unref);

  if (!ok)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static char *
make_label (FreightOrg           *org,
            FreightOrgSecretKind  kind)
{
  return g_strdup_printf (_("Freight %s for %s (%s)"), secret_kinds[kind],
                          freight_org_get_username (org), freight_org_get_alias (org));
}

gboolean
_freight_org_keyring_store (FreightOrg            *org,
                            FreightOrgSecretKind   kind,
                            const char            *value,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autofree char *label = make_label (org, kind);
  gboolean ok;

  g_mutex_lock (&write_lock);
  ok = store_locked (freight_org_get_org_id (org), freight_org_get_username (org), kind,
                     label, value, cancellable, error);
  g_mutex_unlock (&write_lock);

  return ok;
}

typedef struct
{
  char                 *org_id;
  char                 *username;
  FreightOrgSecretKind  kind;
  char                 *label;
  char                 *value;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->org_id);
  g_free (data->username);
  g_free (data->label);
  wipe (&data->value);
  g_free (data);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  g_mutex_lock (&write_lock);
  ok = store_locked (data->org_id, data->username, data->kind, data->label, data->value,
                     cancellable, &error);
  g_mutex_unlock (&write_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
store_async_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not update a secret in the keyring: %s", error->message);
}

/* Fire and forget: a renewed token that does not reach the keyring only costs one
 * renewal at the next start. Written on a worker thread, after the writes before it. */
void
_freight_org_keyring_store_async (FreightOrg            *org,
                                  FreightOrgSecretKind   kind,
                                  const char            *value)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data = g_new0 (StoreData, 1);

  data->org_id = g_strdup (freight_org_get_org_id (org));
  data->username = g_strdup (freight_org_get_username (org));
  data->kind = kind;
  data->label = make_label (org, kind);
  data->value = g_strdup (value);

  task = g_task_new (NULL, NULL, store_async_done, NULL);
  g_task_set_source_tag (task, _freight_org_keyring_store_async);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
_freight_org_keyring_clear (FreightOrg            *org,
                            int                    kind,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  GList *items;

  g_mutex_lock (&write_lock);
  items = search_items (freight_org_get_org_id (org), freight_org_get_username (org), kind,
                        SECRET_SEARCH_ALL, cancellable, &local_error);
  for (GList *l = items; local_error == NULL && l != NULL; l = l->next)
    secret_item_delete_sync (l->data, cancellable, &local_error);
  g_mutex_unlock (&write_lock);
  g_list_free_full (items, g_object_unref);

  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}


FreightOrgSecrets *
_freight_org_keyring_lookup (FreightOrg    *org,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(FreightOrgSecrets) secrets = freight_org_secrets_new ();

  if (freight_org_get_org_id (org) == NULL || freight_org_get_username (org) == NULL)
    return g_steal_pointer (&secrets);

  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    {
      g_autoptr(GError) local_error = NULL;
      char *value;

      value = secret_password_lookup_sync (freight_org_secret_schema (), cancellable,
                                           &local_error,
                                           "org-id", freight_org_get_org_id (org),
                                           "username", freight_org_get_username (org),
                                           "kind", secret_kinds[kind],
                                           NULL);
      if (local_error != NULL)
        {
          set_keyring_error (error, local_error);
          return NULL;
        }
      if (value != NULL)
        {
          secrets->values[kind] = g_strdup (value);
          secret_password_free (value);
        }
    }

  return g_steal_pointer (&secrets);
}
