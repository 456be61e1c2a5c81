/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Key pairs and certificates the sign-in tests make with the openssl tool. */

typedef struct
{
  char *dir;
  char *key;            /* RSA private key, PEM, no passphrase */
  char *certificate;    /* its self-signed certificate (the connected app's) */
  char *encrypted_key;  /* the same key protected by SIGN_IN_KEY_PASSPHRASE */
  char *other_key;      /* an RSA key the app does not know */
  char *ec_key;         /* an EC key (not usable for RS256) */
} SignInKeys;

#define SIGN_IN_KEY_PASSPHRASE "correct horse battery staple"

void        sign_in_run_openssl    (const char * const  *argv);
SignInKeys *sign_in_keys_new       (const char          *dir);
void        sign_in_keys_free      (SignInKeys          *keys);
char       *sign_in_make_tls_cert  (const char          *dir,
                                    char               **key_file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignInKeys, sign_in_keys_free)

G_END_DECLS
