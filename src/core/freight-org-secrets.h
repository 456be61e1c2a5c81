/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/**
 * FreightOrgSecretKind:
 * @FREIGHT_ORG_SECRET_REFRESH_TOKEN: an OAuth refresh token
 * @FREIGHT_ORG_SECRET_ACCESS_TOKEN: the current access token
 * @FREIGHT_ORG_SECRET_PASSWORD: the user's password
 * @FREIGHT_ORG_SECRET_SECURITY_TOKEN: the user's security token
 * @FREIGHT_ORG_SECRET_CLIENT_SECRET: the connected app's consumer secret
 * @FREIGHT_ORG_SECRET_KEY_PASSPHRASE: the passphrase of a JWT private key
 */
typedef enum
{
  FREIGHT_ORG_SECRET_REFRESH_TOKEN,
  FREIGHT_ORG_SECRET_ACCESS_TOKEN,
  FREIGHT_ORG_SECRET_PASSWORD,
  FREIGHT_ORG_SECRET_SECURITY_TOKEN,
  FREIGHT_ORG_SECRET_CLIENT_SECRET,
  FREIGHT_ORG_SECRET_KEY_PASSPHRASE,
  FREIGHT_ORG_N_SECRETS
} FreightOrgSecretKind;

/**
 * FreightOrgSecrets:
 * @values: the secrets by kind; %NULL where there is none
 *
 * The secrets of one org, on their way to or from the keyring. Free it with
 * freight_org_secrets_free(), which wipes the values.
 */
typedef struct
{
  char *values[FREIGHT_ORG_N_SECRETS];
} FreightOrgSecrets;

FreightOrgSecrets  *freight_org_secrets_new              (void);
FreightOrgSecrets  *freight_org_secrets_copy             (FreightOrgSecrets     *secrets);
void                freight_org_secrets_set              (FreightOrgSecrets     *secrets,
                                                          FreightOrgSecretKind   kind,
                                                          const char            *value);
const char         *freight_org_secrets_get              (FreightOrgSecrets     *secrets,
                                                          FreightOrgSecretKind   kind);
void                freight_org_secrets_free             (FreightOrgSecrets     *secrets);
const char         *freight_org_secret_kind_to_string    (FreightOrgSecretKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightOrgSecrets, freight_org_secrets_free)

const SecretSchema *freight_org_secret_schema            (void);

G_END_DECLS
