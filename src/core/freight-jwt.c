/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-oauth"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-jwt.h"

/* JWT bearer assertions (salesforce-api.md §6.2): a header {"alg":"RS256"}, the claims
 * iss (consumer key), sub (username), aud (login host) and exp (epoch seconds), signed
 * with the user's RSA private key, a PEM file that may be protected by a passphrase.
 * Also the randomness, base64url and PKCE challenge the OAuth flows need. */

/**
 * freight_random_bytes:
 * @buffer: (out caller-allocates): where to write
 * @len: how many bytes
 *
 * Fills @buffer from the system's cryptographically secure generator.
 *
 * Returns: %TRUE on success
 */
gboolean
freight_random_bytes (guint8 *buffer,
                      gsize   len)
{
  g_return_val_if_fail (buffer != NULL || len == 0, FALSE);
  g_return_val_if_fail (len <= G_MAXINT, FALSE);

  return RAND_bytes (buffer, (int) len) == 1;
}

/**
 * freight_base64url_encode:
 * @data: bytes
 * @len: their count
 *
 * Returns: (transfer full): base64url without padding (RFC 4648 §5)
 */
char *
freight_base64url_encode (const guint8 *data,
                          gsize         len)
{
  char *text = g_base64_encode (data, len);
  gsize n = strlen (text);

  for (gsize i = 0; i < n; i++)
    {
      if (text[i] == '+')
        text[i] = '-';
      else if (text[i] == '/')
        text[i] = '_';
    }
  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  return text;
}

/**
 * freight_pkce_challenge:
 * @verifier: a PKCE code verifier
 *
 * Returns: (transfer full): its S256 code challenge, base64url (SHA-256 (@verifier))
 *   without padding (RFC 7636 §4.2)
 */
char *
freight_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  return freight_base64url_encode (digest, len);
}

typedef struct
{
  const char *passphrase;
  gboolean    asked;
} PassphraseData;

static int
passphrase_cb (char *buf,
               int   size,
               int   rwflag,
               void *user_data)
{
  PassphraseData *data = user_data;
  gsize len;

  data->asked = TRUE;
  if (data->passphrase == NULL)
    return -1;
  len = strlen (data->passphrase);
  if (len > (gsize) size)
    return -1;
  memcpy (buf, data->passphrase, len);
  return (int) len;
}

static EVP_PKEY *
load_key (const char  *key_file,
          const char  *passphrase,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pem = NULL;
  gsize len = 0;
  PassphraseData data = { passphrase, FALSE };
  gboolean encrypted;
  EVP_PKEY *key;
  BIO *bio;

  if (!g_file_get_contents (key_file, &pem, &len, &local_error))
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_PRIVATE_KEY,
                   _("Could not read the private key file: %s"), local_error->message);
      return NULL;
    }

  if (len > G_MAXINT || strstr (pem, "-----BEGIN") == NULL || strstr (pem, "PRIVATE KEY") == NULL)
    {
      memset (pem, 0, len);
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_PRIVATE_KEY,
                   _("%s holds no PEM private key (a block starting with “-----BEGIN "
                     "PRIVATE KEY-----” or “-----BEGIN RSA PRIVATE KEY-----”). Choose the "
                     "private key whose certificate the connected app holds."), key_file);
      return NULL;
    }

  /* PKCS#8 "ENCRYPTED PRIVATE KEY" or the older "Proc-Type: 4,ENCRYPTED". */
  encrypted = strstr (pem, "ENCRYPTED") != NULL;

  bio = BIO_new_mem_buf (pem, (int) len);
  key = PEM_read_bio_PrivateKey (bio, NULL, passphrase_cb, &data);
  BIO_free (bio);
  memset (pem, 0, len);
  ERR_clear_error ();

  if (key == NULL)
    {
      if (encrypted && passphrase == NULL)
        g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_KEY_PASSPHRASE,
                     _("The private key in %s is protected by a passphrase. Enter the "
                       "passphrase."), key_file);
      else if (encrypted)
        g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_KEY_PASSPHRASE,
                     _("The passphrase does not open the private key in %s. Enter it "
                       "again."), key_file);
      else
        g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_PRIVATE_KEY,
                     _("The private key in %s cannot be read: the file is damaged or not "
                       "in PEM format."), key_file);
      return NULL;
    }

  if (EVP_PKEY_get_base_id (key) != EVP_PKEY_RSA)
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_PRIVATE_KEY,
                   _("The key in %s is not an RSA key. Salesforce signs JWT bearer "
                     "assertions with RS256 only: make an RSA key pair and put its "
                     "certificate into the connected app."), key_file);
      EVP_PKEY_free (key);
      return NULL;
    }

  return key;
}

/**
 * freight_jwt_check_key:
 * @key_file: a PEM private key file
 * @passphrase: (nullable): its passphrase
 * @error: return location for a FREIGHT_AUTH_ERROR_PRIVATE_KEY or
 *   FREIGHT_AUTH_ERROR_KEY_PASSPHRASE
 *
 * Checks, before any request, that the key can sign: readable, an RSA key, and opened by
 * @passphrase when it has one.
 *
 * Returns: %TRUE when the key can be used
 */
gboolean
freight_jwt_check_key (const char  *key_file,
                       const char  *passphrase,
                       GError     **error)
{
  EVP_PKEY *key;

  g_return_val_if_fail (key_file != NULL, FALSE);

  key = load_key (key_file, passphrase, error);
  if (key == NULL)
    return FALSE;
  EVP_PKEY_free (key);
  return TRUE;
}

static char *
encode_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  return freight_base64url_encode ((const guint8 *) text, strlen (text));
}

/**
 * freight_jwt_sign:
 * @key_file: a PEM RSA private key file
 * @passphrase: (nullable): its passphrase
 * @issuer: the `iss` claim: the connected app's consumer key
 * @subject: the `sub` claim: the Salesforce username
 * @audience: the `aud` claim (freight_login_url_jwt_audience())
 * @expires_unix: the `exp` claim, in seconds since the epoch
 * @error: return location for an error
 *
 * Returns: (transfer full): the signed assertion, `header.claims.signature`
 */
char *
freight_jwt_sign (const char  *key_file,
                  const char  *passphrase,
                  const char  *issuer,
                  const char  *subject,
                  const char  *audience,
                  gint64       expires_unix,
                  GError     **error)
{
  g_autoptr(JsonBuilder) header = json_builder_new ();
  g_autoptr(JsonBuilder) claims = json_builder_new ();
  g_autofree char *header_text = NULL;
  g_autofree char *claims_text = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree guint8 *signature = NULL;
  g_autofree char *signature_text = NULL;
  size_t signature_len = 0;
  EVP_MD_CTX *ctx;
  EVP_PKEY *key;
  gboolean signed_ok;

  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);

  key = load_key (key_file, passphrase, error);
  if (key == NULL)
    return NULL;

  json_builder_begin_object (header);
  json_builder_set_member_name (header, "alg");
  json_builder_add_string_value (header, "RS256");
  json_builder_end_object (header);

  json_builder_begin_object (claims);
  json_builder_set_member_name (claims, "iss");
  json_builder_add_string_value (claims, issuer);
  json_builder_set_member_name (claims, "sub");
  json_builder_add_string_value (claims, subject);
  json_builder_set_member_name (claims, "aud");
  json_builder_add_string_value (claims, audience);
  json_builder_set_member_name (claims, "exp");
  json_builder_add_int_value (claims, expires_unix);
  json_builder_end_object (claims);

  header_text = encode_json (header);
  claims_text = encode_json (claims);
  signing_input = g_strconcat (header_text, ".", claims_text, NULL);

  ctx = EVP_MD_CTX_new ();
  signed_ok = ctx != NULL
              && EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, key) == 1
              && EVP_DigestSign (ctx, NULL, &signature_len, (const guchar *) signing_input,
                                 strlen (signing_input)) == 1;
  if (signed_ok)
    {
      signature = g_malloc (signature_len);
      signed_ok = EVP_DigestSign (ctx, signature, &signature_len,
                                  (const guchar *) signing_input,
                                  strlen (signing_input)) == 1;
    }
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (key);
  ERR_clear_error ();

  if (!signed_ok)
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_PRIVATE_KEY,
                   _("The private key in %s could not sign the sign-in request. Check that "
                     "it is a complete RSA key."), key_file);
      return NULL;
    }

  signature_text = freight_base64url_encode (signature, signature_len);
  return g_strconcat (signing_input, ".", signature_text, NULL);
}
