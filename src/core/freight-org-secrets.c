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

gboolean
_freight_org_keyring_store (FreightOrg            *org,
                            FreightOrgSecretKind   kind,
                            const char            *value,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  label = g_strdup_printf (_("Freight %s for %s (%s)"), secret_kinds[kind],
                           freight_org_get_username (org), freight_org_get_alias (org));

  if (!secret_password_store_sync (freight_org_secret_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, value, cancellable, &local_error,
                                   "org-id", freight_org_get_org_id (org),
                                   "username", freight_org_get_username (org),
                                   "kind", secret_kinds[kind],
                                   NULL))
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

static void
store_async_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_debug ("Could not update a secret in the keyring: %s", error->message);
}

/* Fire and forget: a renewed token that does not reach the keyring only costs one
 * renewal at the next start. */
void
_freight_org_keyring_store_async (FreightOrg            *org,
                                  FreightOrgSecretKind   kind,
                                  const char            *value)
{
  g_autofree char *label = NULL;

  label = g_strdup_printf (_("Freight %s for %s (%s)"), secret_kinds[kind],
                           freight_org_get_username (org), freight_org_get_alias (org));

  secret_password_store (freight_org_secret_schema (), SECRET_COLLECTION_DEFAULT,
                         label, value, NULL, store_async_done, NULL,
                         "org-id", freight_org_get_org_id (org),
                         "username", freight_org_get_username (org),
                         "kind", secret_kinds[kind],
                         NULL);
}

gboolean
_freight_org_keyring_clear (FreightOrg            *org,
                            int                    kind,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  if (kind >= 0)
    secret_password_clear_sync (freight_org_secret_schema (), cancellable, &local_error,
                                "org-id", freight_org_get_org_id (org),
                                "username", freight_org_get_username (org),
                                "kind", secret_kinds[kind],
                                NULL);
  else
    secret_password_clear_sync (freight_org_secret_schema (), cancellable, &local_error,
                                "org-id", freight_org_get_org_id (org),
                                "username", freight_org_get_username (org),
                                NULL);

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
