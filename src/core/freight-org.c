/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-login-url.h"
#include "freight-oauth-token.h"
#include "freight-org.h"
#include "freight-org-session.h"

/* A saved org: the facts about it that are not secret (alias, login and instance URL,
 * username, ids, sandbox or production, sign-in method, consumer key). Secrets never
 * live here; FreightOrgStore keeps them in the keyring. */

enum {
  PROP_0,
  /* strings first, in the order of the strings[] array */
  PROP_ALIAS,
  PROP_LOGIN_URL,
  PROP_INSTANCE_URL,
  PROP_USERNAME,
  PROP_ORG_ID,
  PROP_USER_ID,
  PROP_ORG_NAME,
  PROP_USER_NAME,
  PROP_CLIENT_ID,
  PROP_CA_FILE,
  PROP_KEY_FILE,
  PROP_IS_SANDBOX,
  PROP_AUTH_METHOD,
  N_PROPS
};

#define N_STRINGS (PROP_KEY_FILE - PROP_ALIAS + 1)

struct _FreightOrg
{
  GObject            parent_instance;

  char              *strings[N_STRINGS];
  gboolean           is_sandbox;
  FreightAuthMethod  auth_method;
};

G_DEFINE_FINAL_TYPE (FreightOrg, freight_org, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* JSON member names, in the order of the string properties. */
static const char * const json_names[N_STRINGS] = {
  "alias",
  "loginUrl",
  "instanceUrl",
  "username",
  "orgId",
  "userId",
  "orgName",
  "userName",
  "clientId",
  "caFile",
  "keyFile",
};

static void
freight_org_finalize (GObject *object)
{
  FreightOrg *self = FREIGHT_ORG (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (freight_org_parent_class)->finalize (object);
}

static void
freight_org_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FreightOrg *self = FREIGHT_ORG (object);

  if (prop_id >= PROP_ALIAS && prop_id <= PROP_KEY_FILE)
    {
      g_value_set_string (value, self->strings[prop_id - PROP_ALIAS]);
      return;
    }

  switch (prop_id)
    {
    case PROP_IS_SANDBOX:
      g_value_set_boolean (value, self->is_sandbox);
      break;

    case PROP_AUTH_METHOD:
      g_value_set_enum (value, self->auth_method);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (FreightOrg *self,
            guint       prop_id,
            const char *value)
{
  char **field = &self->strings[prop_id - PROP_ALIAS];

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
freight_org_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FreightOrg *self = FREIGHT_ORG (object);

  if (prop_id >= PROP_ALIAS && prop_id <= PROP_KEY_FILE)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_IS_SANDBOX:
      freight_org_set_is_sandbox (self, g_value_get_boolean (value));
      break;

    case PROP_AUTH_METHOD:
      freight_org_set_auth_method (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_org_class_init (FreightOrgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                             | G_PARAM_STATIC_STRINGS);
  static const char * const names[N_STRINGS] = {
    "alias", "login-url", "instance-url", "username", "org-id", "user-id", "org-name",
    "user-name", "client-id", "ca-file", "key-file",
  };

  object_class->finalize = freight_org_finalize;
  object_class->get_property = freight_org_get_property;
  object_class->set_property = freight_org_set_property;

  /* alias: the name the user gives the org ("acme-prod"), unique among saved orgs.
   * login-url: where to sign in (production, sandbox, My Domain, a local org).
   * instance-url: where the org's API lives. org-name, user-name: for display.
   * client-id: the connected app's consumer key. ca-file: a CA certificate to trust in
   * addition to the system's, for a local org with a self-signed certificate.
   * key-file: the PEM private key of the JWT bearer flow (its passphrase is a secret and
   * lives in the keyring). */
  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_ALIAS + i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);

  /**
   * FreightOrg:is-sandbox:
   *
   * Whether the org is a sandbox; production orgs are marked in the window.
   */
  properties[PROP_IS_SANDBOX] =
    g_param_spec_boolean ("is-sandbox", NULL, NULL, FALSE, flags);

  properties[PROP_AUTH_METHOD] =
    g_param_spec_enum ("auth-method", NULL, NULL,
                       FREIGHT_TYPE_AUTH_METHOD, FREIGHT_AUTH_METHOD_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_org_init (FreightOrg *self)
{
}

/**
 * freight_org_new:
 * @alias: the org's alias
 *
 * Returns: (transfer full): a new org description
 */
FreightOrg *
freight_org_new (const char *alias)
{
  g_return_val_if_fail (alias != NULL && *alias != '\0', NULL);

  return g_object_new (FREIGHT_TYPE_ORG, "alias", alias, NULL);
}

/**
 * freight_org_copy:
 * @self: an org
 *
 * Returns: (transfer full): an independent copy
 */
FreightOrg *
freight_org_copy (FreightOrg *self)
{
  FreightOrg *copy;

  g_return_val_if_fail (FREIGHT_IS_ORG (self), NULL);

  copy = g_object_new (FREIGHT_TYPE_ORG, NULL);
  for (guint i = 0; i < N_STRINGS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  copy->is_sandbox = self->is_sandbox;
  copy->auth_method = self->auth_method;
  return copy;
}

/**
 * freight_org_new_from_json:
 * @object: an entry of the saved orgs file
 * @error: return location for an error
 *
 * Returns: (transfer full): the org
 */
FreightOrg *
freight_org_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(FreightOrg) self = NULL;
  const char *alias;

  g_return_val_if_fail (object != NULL, NULL);

  alias = json_object_get_string_member_with_default (object, "alias", NULL);
  if (alias == NULL || *alias == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A saved org has no alias."));
      return NULL;
    }

  self = g_object_new (FREIGHT_TYPE_ORG, NULL);
  for (guint i = 0; i < N_STRINGS; i++)
    {
      const char *value = json_object_get_string_member_with_default (object, json_names[i],
                                                                     NULL);

      self->strings[i] = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
    }
  self->is_sandbox = json_object_get_boolean_member_with_default (object, "sandbox", FALSE);
  self->auth_method = freight_auth_method_from_string (
    json_object_get_string_member_with_default (object, "authMethod", NULL));

  return g_steal_pointer (&self);
}

/**
 * freight_org_to_json:
 * @self: an org
 *
 * Returns: (transfer full): the org as an entry of the saved orgs file
 */
JsonObject *
freight_org_to_json (FreightOrg *self)
{
  JsonObject *object;

  g_return_val_if_fail (FREIGHT_IS_ORG (self), NULL);

  object = json_object_new ();
  for (guint i = 0; i < N_STRINGS; i++)
    if (self->strings[i] != NULL)
      json_object_set_string_member (object, json_names[i], self->strings[i]);
  json_object_set_boolean_member (object, "sandbox", self->is_sandbox);
  json_object_set_string_member (object, "authMethod",
                                 freight_auth_method_to_string (self->auth_method));
  return object;
}

#define STRING_ACCESSORS(name, PROP)                                                     \
  const char *                                                                           \
  freight_org_get_##name (FreightOrg *self)                                              \
  {                                                                                      \
    g_return_val_if_fail (FREIGHT_IS_ORG (self), NULL);                                  \
    return self->strings[PROP - PROP_ALIAS];                                             \
  }

#define STRING_SETTER(name, PROP)                                                        \
  void                                                                                   \
  freight_org_set_##name (FreightOrg *self,                                              \
                          const char *value)                                             \
  {                                                                                      \
    g_return_if_fail (FREIGHT_IS_ORG (self));                                            \
    set_string (self, PROP, value);                                                      \
  }

STRING_ACCESSORS (alias, PROP_ALIAS)
STRING_ACCESSORS (login_url, PROP_LOGIN_URL)
STRING_SETTER (login_url, PROP_LOGIN_URL)
STRING_ACCESSORS (instance_url, PROP_INSTANCE_URL)
STRING_SETTER (instance_url, PROP_INSTANCE_URL)
STRING_ACCESSORS (username, PROP_USERNAME)
STRING_SETTER (username, PROP_USERNAME)
STRING_ACCESSORS (org_id, PROP_ORG_ID)
STRING_SETTER (org_id, PROP_ORG_ID)
STRING_ACCESSORS (user_id, PROP_USER_ID)
STRING_SETTER (user_id, PROP_USER_ID)
STRING_ACCESSORS (org_name, PROP_ORG_NAME)
STRING_SETTER (org_name, PROP_ORG_NAME)
STRING_ACCESSORS (user_name, PROP_USER_NAME)
STRING_SETTER (user_name, PROP_USER_NAME)
STRING_ACCESSORS (client_id, PROP_CLIENT_ID)
STRING_SETTER (client_id, PROP_CLIENT_ID)
STRING_ACCESSORS (ca_file, PROP_CA_FILE)
STRING_SETTER (ca_file, PROP_CA_FILE)
STRING_ACCESSORS (key_file, PROP_KEY_FILE)
STRING_SETTER (key_file, PROP_KEY_FILE)

/**
 * freight_org_get_is_production:
 * @self: an org
 *
 * Returns: whether changes here touch a production org, which the window marks: not a
 *   sandbox, and not a local org on this computer
 */
gboolean
freight_org_get_is_production (FreightOrg *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG (self), FALSE);

  if (self->is_sandbox)
    return FALSE;
  if (freight_login_url_is_sandbox (self->strings[PROP_LOGIN_URL - PROP_ALIAS])
      || freight_login_url_is_sandbox (self->strings[PROP_INSTANCE_URL - PROP_ALIAS]))
    return FALSE;
  if (freight_login_url_is_loopback (self->strings[PROP_LOGIN_URL - PROP_ALIAS])
      || freight_login_url_is_loopback (self->strings[PROP_INSTANCE_URL - PROP_ALIAS]))
    return FALSE;
  return TRUE;
}

/**
 * freight_org_dup_display_name:
 * @self: an org
 *
 * Returns: (transfer full): how to name the org to the user: its name from Salesforce
 *   if known, else its alias
 */
char *
freight_org_dup_display_name (FreightOrg *self)
{
  const char *name;

  g_return_val_if_fail (FREIGHT_IS_ORG (self), NULL);

  name = self->strings[PROP_ORG_NAME - PROP_ALIAS];
  return g_strdup (name != NULL ? name : self->strings[PROP_ALIAS - PROP_ALIAS]);
}

gboolean
freight_org_get_is_sandbox (FreightOrg *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG (self), FALSE);
  return self->is_sandbox;
}

void
freight_org_set_is_sandbox (FreightOrg *self,
                            gboolean    is_sandbox)
{
  g_return_if_fail (FREIGHT_IS_ORG (self));

  is_sandbox = !!is_sandbox;
  if (self->is_sandbox == is_sandbox)
    return;
  self->is_sandbox = is_sandbox;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SANDBOX]);
}

FreightAuthMethod
freight_org_get_auth_method (FreightOrg *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG (self), FREIGHT_AUTH_METHOD_NONE);
  return self->auth_method;
}

void
freight_org_set_auth_method (FreightOrg        *self,
                             FreightAuthMethod  method)
{
  g_return_if_fail (FREIGHT_IS_ORG (self));

  if (self->auth_method == method)
    return;
  self->auth_method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_METHOD]);
}

/**
 * freight_org_update_from_session:
 * @self: an org
 * @session: a connected session to it
 *
 * Copies what the session learnt: instance URL, org and user ids, sign-in method, and
 * from the identity the username, the user's and the org's names and whether it is a
 * sandbox.
 *
 * Returns: %TRUE when @self knows its org id and username (needed to save it)
 */
gboolean
freight_org_update_from_session (FreightOrg        *self,
                                 FreightOrgSession *session)
{
  g_autoptr(JsonObject) identity = NULL;
  g_autofree char *instance_url = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *user_id = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG (self), FALSE);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), FALSE);

  instance_url = freight_org_session_dup_instance_url (session);
  org_id = freight_org_session_dup_org_id (session);
  user_id = freight_org_session_dup_user_id (session);
  identity = freight_org_session_dup_identity (session);

  if (instance_url != NULL)
    freight_org_set_instance_url (self, instance_url);
  if (org_id != NULL)
    freight_org_set_org_id (self, org_id);
  if (user_id != NULL)
    freight_org_set_user_id (self, user_id);
  freight_org_set_auth_method (self,
                               freight_auth_get_method (freight_org_session_get_auth (session)));

  if (identity != NULL)
    {
      const char *username = json_object_get_string_member_with_default (identity,
                                                                        "preferred_username",
                                                                        NULL);
      const char *name = json_object_get_string_member_with_default (identity, "name", NULL);
      const char *org_name = json_object_get_string_member_with_default (identity,
                                                                        "organization_name",
                                                                        NULL);

      if (username != NULL)
        freight_org_set_username (self, username);
      if (name != NULL)
        freight_org_set_user_name (self, name);
      if (org_name != NULL)
        freight_org_set_org_name (self, org_name);
      if (json_object_has_member (identity, "is_sandbox"))
        freight_org_set_is_sandbox (self, json_object_get_boolean_member (identity,
                                                                          "is_sandbox"));
    }

  return freight_org_get_org_id (self) != NULL && freight_org_get_username (self) != NULL;
}
