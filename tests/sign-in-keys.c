/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sign-in-keys.h"

void
sign_in_run_openssl (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &standard_error, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl failed: %s", standard_error);
}

/* Key pairs made by the test with the openssl tool, as a user would make them. */
SignInKeys *
sign_in_keys_new (const char *dir)
{
  SignInKeys *keys = g_new0 (SignInKeys, 1);

  keys->dir = g_strdup (dir);
  keys->key = g_build_filename (dir, "jwt.key", NULL);
  keys->certificate = g_build_filename (dir, "jwt.crt", NULL);
  keys->encrypted_key = g_build_filename (dir, "jwt-encrypted.key", NULL);
  keys->other_key = g_build_filename (dir, "other.key", NULL);
  keys->ec_key = g_build_filename (dir, "ec.key", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
      "-subj", "/CN=freight-test-connected-app", "-keyout", keys->key,
      "-out", keys->certificate, NULL
    };
    sign_in_run_openssl (argv);
  }
  {
    const char *argv[] = {
      "openssl", "pkcs8", "-topk8", "-in", keys->key, "-out", keys->encrypted_key,
      "-v2", "aes-256-cbc", "-passout", "pass:" SIGN_IN_KEY_PASSPHRASE, NULL
    };
    sign_in_run_openssl (argv);
  }
  {
    const char *argv[] = {
      "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
      "-out", keys->other_key, NULL
    };
    sign_in_run_openssl (argv);
  }
  {
    const char *argv[] = {
      "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
      "-out", keys->ec_key, NULL
    };
    sign_in_run_openssl (argv);
  }
  return keys;
}

void
sign_in_keys_free (SignInKeys *keys)
{
  if (keys == NULL)
    return;
  g_free (keys->dir);
  g_free (keys->key);
  g_free (keys->certificate);
  g_free (keys->encrypted_key);
  g_free (keys->other_key);
  g_free (keys->ec_key);
  g_free (keys);
}

/* A self-signed certificate for 127.0.0.1, as a local org would serve. */
char *
sign_in_make_tls_cert (const char  *dir,
                       char       **key_file)
{
  char *cert = g_build_filename (dir, "local-org.crt", NULL);
  char *key = g_build_filename (dir, "local-org.key", NULL);
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "2", "-subj", "/CN=freight-local-org",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", key, "-out", cert, NULL
  };

  sign_in_run_openssl (argv);
  *key_file = key;
  return cert;
}

