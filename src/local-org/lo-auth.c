/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-auth"

#include "config.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <string.h>

#include "lo-auth.h"
#include "lo-faults.h"

/* Authorization codes live 15 minutes and serve once, as Salesforce's do. */
#define CODE_LIFETIME_USEC (15 * 60 * G_USEC_PER_SEC)

/* Clients that need no secret: the real public apps people point at an org. */
static const char *public_clients[] = {
  "PlatformCLI", "CodeBuilder", "DataLoaderBulkUI/", "DataLoaderPartnerUI/",
  "SalesforceDevelopmentExperience",
};

typedef struct
{
  LoUser  *user;
  char    *client_id;
  char    *redirect_uri;
  char    *scope;
  char    *challenge;
  char    *method;
  gint64   expires_usec;
} Code;

struct _LoAuth
{
  GObject          parent_instance;

  const LoConfig  *config;
  LoSchema        *schema;
  LoStore         *store;
  char            *base_url;
  GHashTable      *codes;      /* SHA-256 of code -> Code */
  EVP_PKEY        *jwt_key;
};

G_DEFINE_TYPE (LoAuth, lo_auth, G_TYPE_OBJECT)

G_DEFINE_QUARK (lo-auth-error-quark, lo_auth_error)

static void
code_free (gpointer data)
{
  Code *code = data;

  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->scope);
  g_free (code->challenge);
  g_free (code->method);
  g_free (code);
}

static void
lo_auth_finalize (GObject *object)
{
  LoAuth *self = LO_AUTH (object);

  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->schema, lo_schema_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->jwt_key, EVP_PKEY_free);
  g_free (self->base_url);

  G_OBJECT_CLASS (lo_auth_parent_class)->finalize (object);
}

static void
lo_auth_class_init (LoAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lo_auth_finalize;
}

static void
lo_auth_init (LoAuth *self)
{
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_free);
}

const char *
lo_auth_error_code (const GError *error)
{
  static const char *codes[] = {
    "invalid_grant", "invalid_client_id", "invalid_client", "invalid_request",
    "unsupported_grant_type", "invalid_token", "redirect_uri_mismatch", "server_error",
  };

  if (error == NULL || error->domain != LO_AUTH_ERROR || error->code < 0
      || (guint) error->code >= G_N_ELEMENTS (codes))
    return "server_error";
  return codes[error->code];
}

/* Tokens are never stored, only their SHA-256. */
static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static char *
random_string (guint n_chars)
{
  static const char alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  g_autofree guchar *bytes = g_malloc (n_chars);
  char *s = g_malloc (n_chars + 1);

  if (RAND_bytes (bytes, (int) n_chars) != 1)
    g_error ("OpenSSL has no random bytes");
  for (guint i = 0; i < n_chars; i++)
    s[i] = alphabet[bytes[i] % 62];
  s[n_chars] = '\0';
  return s;
}

static EVP_PKEY *
load_public_key (const char  *path,
                 GError     **error)
{
  BIO *bio = BIO_new_file (path, "r");
  EVP_PKEY *key = NULL;
  X509 *cert;

  if (bio == NULL)
    {
      g_set_error (error, LO_AUTH_ERROR, LO_AUTH_ERROR_SERVER,
                   "Cannot read the JWT certificate %s", path);
      return NULL;
    }
  cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  if (cert != NULL)
    {
      key = X509_get_pubkey (cert);
      X509_free (cert);
    }
  else
    {
      BIO_reset (bio);
      key = PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL);
    }
  BIO_free (bio);
  if (key == NULL)
    g_set_error (error, LO_AUTH_ERROR, LO_AUTH_ERROR_SERVER,
                 "%s holds no PEM certificate or public key", path);
  return key;
}

LoAuth *
lo_auth_new (const LoConfig  *config,
             LoSchema        *schema,
             LoStore         *store,
             GError         **error)
{
  g_autoptr(LoAuth) self = g_object_new (LO_TYPE_AUTH, NULL);

  self->config = config;
  self->schema = lo_schema_ref (schema);
  self->store = g_object_ref (store);
  if (config->jwt_certificate != NULL
      && (self->jwt_key = load_public_key (config->jwt_certificate, error)) == NULL)
    return NULL;
  if (!lo_store_exec (store, "CREATE TABLE IF NOT EXISTS lo_tokens (hash TEXT PRIMARY KEY, "
                      "refresh INTEGER NOT NULL, user_id TEXT NOT NULL, client_id TEXT, "
                      "scope TEXT, issued_usec INTEGER NOT NULL, expires_usec INTEGER, "
                      "parent TEXT)", error))
    return NULL;
  return g_steal_pointer (&self);
}

void
lo_auth_set_base_url (LoAuth     *self,
                      const char *base_url)
{
  g_return_if_fail (LO_IS_AUTH (self));

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

static LoUser *
lookup_user_by_id (LoAuth     *self,
                   const char *id)
{
  for (guint i = 0; i < self->schema->users->len; i++)
    {
      LoUser *user = g_ptr_array_index (self->schema->users, i);

      if (g_strcmp0 (user->id, id) == 0)
        return user;
    }
  return NULL;
}

LoUser *
lo_auth_check_password (LoAuth     *self,
                        const char *username,
                        const char *password)
{
  LoUser *user;

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  user = lo_schema_lookup_user (self->schema, username);
  if (user == NULL || password == NULL || !g_str_equal (user->password, password))
    return NULL;
  return user;
}

/**
 * lo_auth_check_client:
 *
 * Known clients are the org's connected app (--consumer-key/--consumer-secret), Freight's
 * built-in client id and the public apps of the sf CLI and Data Loader.
 */
gboolean
lo_auth_check_client (LoAuth      *self,
                      const char  *client_id,
                      const char  *client_secret,
                      gboolean     secret_required,
                      GError     **error)
{
  g_return_val_if_fail (LO_IS_AUTH (self), FALSE);

  if (client_id == NULL || client_id[0] == '\0')
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_CLIENT_ID,
                           "client identifier invalid");
      return FALSE;
    }
  if (g_str_equal (client_id, self->config->consumer_key))
    {
      if ((client_secret == NULL && secret_required)
          || (client_secret != NULL
              && !g_str_equal (client_secret, self->config->consumer_secret)))
        {
          g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_CLIENT,
                               "invalid client credentials");
          return FALSE;
        }
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (public_clients); i++)
    if (g_str_equal (client_id, public_clients[i]))
      return TRUE;
  if (OAUTH_CLIENT_ID[0] != '\0' && g_str_equal (client_id, OAUTH_CLIENT_ID))
    return TRUE;
  g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_CLIENT_ID,
                       "client identifier invalid");
  return FALSE;
}

char *
lo_auth_identity_url (LoAuth *self,
                      LoUser *user)
{
  return g_strdup_printf ("%s/id/%s/%s", self->base_url, self->schema->org_id, user->id);
}

static gboolean
store_token (LoAuth      *self,
             const char  *token,
             gboolean     refresh,
             LoUser      *user,
             const char  *client_id,
             const char  *scope,
             gint64       issued_usec,
             gint64       expires_usec,
             const char  *parent_hash,
             GError     **error)
{
  g_autofree char *hash = hash_token (token);
  sqlite3_stmt *stmt = lo_store_prepare (self->store,
                                         "INSERT INTO lo_tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, refresh);
  sqlite3_bind_text (stmt, 3, user->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, client_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, scope, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, issued_usec);
  if (expires_usec > 0)
    sqlite3_bind_int64 (stmt, 7, expires_usec);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, parent_hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return lo_store_set_error (self->store, error);
  return TRUE;
}

static gint64
access_lifetime_s (LoAuth *self)
{
  gint64 lifetime = self->config->token_lifetime_s;
  gint64 fault = lo_faults_token_expiry (self->config->faults);

  if (fault >= 0 && (lifetime <= 0 || fault < lifetime))
    lifetime = fault;
  return lifetime;
}

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/**
 * lo_auth_issue:
 * @refresh_token: (nullable): the refresh token this access token comes from
 *
 * Issues an access token (and a refresh token if asked) and builds the token reply
 * of §6.4: access_token, [refresh_token], signature, scope, instance_url, id,
 * token_type, issued_at.
 */
JsonNode *
lo_auth_issue (LoAuth      *self,
               LoUser      *user,
               const char  *client_id,
               const char  *scope,
               gboolean     with_refresh_token,
               const char  *refresh_token,
               GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *random = random_string (96);
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *parent_hash = NULL;
  g_autofree char *id_url = lo_auth_identity_url (self, user);
  g_autofree char *issued_at = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *org15 = g_strndup (self->schema->org_id, 15);
  gint64 now = g_get_real_time ();
  gint64 lifetime = access_lifetime_s (self);
  const char *secret;

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  /* Real access tokens are "<org id>!<opaque>". */
  access = g_strdup_printf ("%s!AQ%s", org15, random);
  if (with_refresh_token)
    {
      g_autofree char *r = random_string (85);

      refresh = g_strdup_printf ("5A%s", r);
      if (!store_token (self, refresh, TRUE, user, client_id, scope, now, 0, NULL, error))
        return NULL;
    }
  if (refresh_token != NULL || refresh != NULL)
    parent_hash = hash_token (refresh_token ? refresh_token : refresh);
  if (!store_token (self, access, FALSE, user, client_id, scope, now,
                    lifetime > 0 ? now + lifetime * G_USEC_PER_SEC : 0, parent_hash, error))
    return NULL;

  issued_at = g_strdup_printf ("%" G_GINT64_FORMAT, now / 1000);
  secret = g_strcmp0 (client_id, self->config->consumer_key) == 0
           ? self->config->consumer_secret : "";
  {
    g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret,
                                        strlen (secret));
    guint8 digest[32];
    gsize len = sizeof digest;

    g_hmac_update (hmac, (const guchar *) id_url, -1);
    g_hmac_update (hmac, (const guchar *) issued_at, -1);
    g_hmac_get_digest (hmac, digest, &len);
    signature = g_base64_encode (digest, len);
  }

  json_builder_begin_object (b);
  add_member (b, "access_token", access);
  if (refresh != NULL)
    add_member (b, "refresh_token", refresh);
  add_member (b, "signature", signature);
  add_member (b, "scope", scope ? scope : "api");
  add_member (b, "instance_url", self->base_url);
  add_member (b, "id", id_url);
  add_member (b, "token_type", "Bearer");
  add_member (b, "issued_at", issued_at);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
lo_session_free (LoSession *session)
{
  if (session == NULL)
    return;
  g_free (session->client_id);
  g_free (session->scope);
  g_free (session);
}

/**
 * lo_auth_check_access:
 *
 * Returns: (nullable): the session of a valid, unexpired, unrevoked access token.
 */
LoSession *
lo_auth_check_access (LoAuth     *self,
                      const char *access_token)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  LoSession *session = NULL;

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  if (access_token == NULL || access_token[0] == '\0')
    return NULL;
  hash = hash_token (access_token);
  stmt = lo_store_prepare (self->store, "SELECT user_id, client_id, scope, expires_usec "
                           "FROM lo_tokens WHERE hash = ? AND refresh = 0", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW
      && (sqlite3_column_type (stmt, 3) == SQLITE_NULL
          || sqlite3_column_int64 (stmt, 3) > g_get_real_time ()))
    {
      LoUser *user = lookup_user_by_id (self, (const char *) sqlite3_column_text (stmt, 0));

      if (user != NULL)
        {
          session = g_new0 (LoSession, 1);
          session->user = user;
          session->client_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          session->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);
  return session;
}

JsonNode *
lo_auth_refresh (LoAuth      *self,
                 const char  *refresh_token,
                 const char  *client_id,
                 const char  *client_secret,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *stored_client = NULL;
  g_autofree char *scope = NULL;
  sqlite3_stmt *stmt;
  LoUser *user;

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  if (!lo_auth_check_client (self, client_id, client_secret, FALSE, error))
    return NULL;
  if (refresh_token == NULL)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_REQUEST,
                           "refresh_token is required");
      return NULL;
    }
  hash = hash_token (refresh_token);
  stmt = lo_store_prepare (self->store, "SELECT user_id, client_id, scope FROM lo_tokens "
                           "WHERE hash = ? AND refresh = 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      stored_client = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      scope = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  user = user_id ? lookup_user_by_id (self, user_id) : NULL;
  if (user == NULL || g_strcmp0 (stored_client, client_id) != 0)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "expired access/refresh token");
      return NULL;
    }
  return lo_auth_issue (self, user, client_id, scope, FALSE, refresh_token, error);
}

/* Revoking a refresh token also ends the access tokens issued from it. */
gboolean
lo_auth_revoke (LoAuth     *self,
                const char *token)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (LO_IS_AUTH (self), FALSE);

  if (token == NULL || token[0] == '\0')
    return FALSE;
  hash = hash_token (token);
  stmt = lo_store_prepare (self->store, "DELETE FROM lo_tokens WHERE hash = ?1 OR parent = ?1",
                           NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_DONE
          && sqlite3_changes (lo_store_get_db (self->store)) > 0;
  sqlite3_finalize (stmt);
  return found;
}

gboolean
lo_auth_redirect_uri_ok (LoAuth     *self,
                         const char *redirect_uri)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (redirect_uri == NULL)
    return FALSE;
  /* The org's connected app accepts loopback callbacks on any port (the sf CLI, Data
   * Loader and Freight listen there) and Salesforce's own success page. */
  if (g_str_equal (redirect_uri, "https://login.salesforce.com/services/oauth2/success")
      || g_str_equal (redirect_uri, "https://test.salesforce.com/services/oauth2/success"))
    return TRUE;
  uri = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;
  host = g_uri_get_host (uri);
  return g_strcmp0 (host, "localhost") == 0 || g_strcmp0 (host, "127.0.0.1") == 0
         || g_strcmp0 (host, "[::1]") == 0 || g_strcmp0 (host, "::1") == 0;
}

char *
lo_auth_new_code (LoAuth     *self,
                  LoUser     *user,
                  const char *client_id,
                  const char *redirect_uri,
                  const char *scope,
                  const char *code_challenge,
                  const char *code_challenge_method)
{
  g_autofree char *random = random_string (60);
  char *code_text = g_strdup_printf ("aPrx%s", random);
  Code *code = g_new0 (Code, 1);

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  code->user = user;
  code->client_id = g_strdup (client_id);
  code->redirect_uri = g_strdup (redirect_uri);
  code->scope = g_strdup (scope);
  code->challenge = g_strdup (code_challenge && code_challenge[0] ? code_challenge : NULL);
  code->method = g_strdup (code_challenge_method);
  code->expires_usec = g_get_real_time () + CODE_LIFETIME_USEC;
  g_hash_table_insert (self->codes, hash_token (code_text), code);
  return code_text;
}

static char *
base64url (const guint8 *data,
           gsize         len)
{
  char *s = g_base64_encode (data, len);
  gsize n = strlen (s);

  for (gsize i = 0; i < n; i++)
    s[i] = s[i] == '+' ? '-' : s[i] == '/' ? '_' : s[i];
  while (n > 0 && s[n - 1] == '=')
    s[--n] = '\0';
  return s;
}

static guint8 *
base64url_decode (const char *text,
                  gsize       len,
                  gsize      *out_len)
{
  GString *s = g_string_new_len (text, len);

  for (gsize i = 0; i < s->len; i++)
    {
      if (s->str[i] == '-')
        s->str[i] = '+';
      else if (s->str[i] == '_')
        s->str[i] = '/';
      else if (!g_ascii_isalnum (s->str[i]) && s->str[i] != '+' && s->str[i] != '/'
               && s->str[i] != '=')
        {
          g_string_free (s, TRUE);
          *out_len = 0;
          return NULL;
        }
    }
  while (s->len % 4 != 0)
    g_string_append_c (s, '=');
  {
    guint8 *data = g_base64_decode (s->str, out_len);

    g_string_free (s, TRUE);
    return data;
  }
}

JsonNode *
lo_auth_redeem_code (LoAuth      *self,
                     const char  *code_text,
                     const char  *client_id,
                     const char  *client_secret,
                     const char  *redirect_uri,
                     const char  *code_verifier,
                     GError     **error)
{
  g_autofree char *hash = NULL;
  Code *code;
  gboolean with_refresh;
  g_auto(GStrv) scopes = NULL;
  JsonNode *reply;

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  if (!lo_auth_check_client (self, client_id, client_secret, FALSE, error))
    return NULL;
  hash = hash_token (code_text ? code_text : "");
  code = g_hash_table_lookup (self->codes, hash);
  if (code == NULL || code->expires_usec < g_get_real_time ()
      || g_strcmp0 (code->client_id, client_id) != 0)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "invalid authorization code");
      return NULL;
    }
  if (g_strcmp0 (code->redirect_uri, redirect_uri) != 0)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_REDIRECT_URI_MISMATCH,
                           "redirect_uri must match configuration");
      return NULL;
    }
  if (code->challenge != NULL)
    {
      g_autofree char *expected = NULL;

      /* Salesforce defaults code_challenge_method to S256 (jsforce omits it). */
      if (code_verifier == NULL || code_verifier[0] == '\0')
        {
          g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                               "invalid code verifier");
          return NULL;
        }
      if (g_strcmp0 (code->method, "plain") == 0)
        expected = g_strdup (code_verifier);
      else
        {
          guint8 digest[32];
          gsize len = sizeof digest;
          g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

          g_checksum_update (sum, (const guchar *) code_verifier, -1);
          g_checksum_get_digest (sum, digest, &len);
          expected = base64url (digest, len);
        }
      if (!g_str_equal (expected, code->challenge))
        {
          g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_REQUEST,
                               "invalid code verifier");
          return NULL;
        }
    }
  scopes = g_strsplit (code->scope ? code->scope : "", " ", -1);
  with_refresh = g_strv_contains ((const char * const *) scopes, "refresh_token")
                 || g_strv_contains ((const char * const *) scopes, "offline_access")
                 || g_strv_contains ((const char * const *) scopes, "full");
  reply = lo_auth_issue (self, code->user, client_id, code->scope ? code->scope : "api",
                         with_refresh, NULL, error);
  g_hash_table_remove (self->codes, hash);
  return reply;
}

static gboolean
claim_time (JsonObject *claims,
            const char *name,
            double     *out)
{
  JsonNode *node = json_object_get_member (claims, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *end = NULL;

      *out = g_ascii_strtod (json_node_get_string (node), &end);
      return end != NULL && *end == '\0';
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64
      || json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  return FALSE;
}

/**
 * lo_auth_verify_jwt:
 *
 * Checks a JWT bearer assertion: RS256 signed by the key of --jwt-certificate, `iss` the
 * connected app's consumer key, `sub` a user, `aud` a login host (or this org's URL), and
 * `exp` in the future. `exp` may be a number or a numeric string, and no upper bound is
 * enforced, as Salesforce accepts both (§6.2).
 */
LoUser *
lo_auth_verify_jwt (LoAuth      *self,
                    const char  *assertion,
                    char       **client_id,
                    GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree guint8 *header = NULL;
  g_autofree guint8 *payload = NULL;
  g_autofree guint8 *signature = NULL;
  g_autoptr(JsonParser) hp = json_parser_new ();
  g_autoptr(JsonParser) pp = json_parser_new ();
  gsize header_len, payload_len, signature_len;
  JsonObject *claims;
  const char *aud;
  const char *sub;
  double exp;
  EVP_MD_CTX *ctx;
  int verified;
  LoUser *user;

  g_return_val_if_fail (LO_IS_AUTH (self), NULL);

  parts = g_strsplit (assertion ? assertion : "", ".", -1);
  if (g_strv_length (parts) != 3
      || (header = base64url_decode (parts[0], strlen (parts[0]), &header_len)) == NULL
      || (payload = base64url_decode (parts[1], strlen (parts[1]), &payload_len)) == NULL
      || (signature = base64url_decode (parts[2], strlen (parts[2]), &signature_len)) == NULL
      || !json_parser_load_from_data (hp, (const char *) header, header_len, NULL)
      || !json_parser_load_from_data (pp, (const char *) payload, payload_len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (hp))
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (pp)))
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "invalid assertion");
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (
                   json_node_get_object (json_parser_get_root (hp)), "alg", ""), "RS256") != 0)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "invalid assertion");
      return NULL;
    }
  claims = json_node_get_object (json_parser_get_root (pp));
  if (g_strcmp0 (json_object_get_string_member_with_default (claims, "iss", ""),
                 self->config->consumer_key) != 0)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_CLIENT_ID,
                           "client identifier invalid");
      return NULL;
    }
  if (self->jwt_key == NULL)
    {
      /* No certificate is configured for the connected app, so nobody approved it for
       * JWT logins: the real org's answer for an unapproved consumer. */
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "user hasn't approved this consumer");
      return NULL;
    }
  {
    g_autofree char *signed_part = g_strdup_printf ("%s.%s", parts[0], parts[1]);

    ctx = EVP_MD_CTX_new ();
    verified = EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL, self->jwt_key) == 1
               && EVP_DigestVerify (ctx, signature, signature_len,
                                    (const guchar *) signed_part, strlen (signed_part)) == 1;
    EVP_MD_CTX_free (ctx);
  }
  if (!verified)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "invalid assertion");
      return NULL;
    }
  aud = json_object_get_string_member_with_default (claims, "aud", "");
  if (!g_str_equal (aud, "https://login.salesforce.com")
      && !g_str_equal (aud, "https://test.salesforce.com")
      && g_strcmp0 (aud, self->base_url) != 0)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "audience is invalid");
      return NULL;
    }
  if (!claim_time (claims, "exp", &exp) || exp < (double) (g_get_real_time () / G_USEC_PER_SEC))
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "expired authorization code");
      return NULL;
    }
  sub = json_object_get_string_member_with_default (claims, "sub", "");
  user = lo_schema_lookup_user (self->schema, sub);
  if (user == NULL)
    {
      g_set_error_literal (error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                           "user hasn't approved this consumer");
      return NULL;
    }
  if (client_id != NULL)
    *client_id = g_strdup (self->config->consumer_key);
  return user;
}
