/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-http"

#include "config.h"

#include "freight-http-error.h"

/* FREIGHT_API_ERROR and FREIGHT_AUTH_ERROR are extended GError domains: each error carries
 * the HTTP status and the server's own error code, so callers can branch on
 * "INVALID_SESSION_ID" or "invalid_grant" without parsing messages. */

typedef struct
{
  guint  http_status;
  char  *remote_code;
} FreightRemoteErrorPrivate;

static void
remote_private_init (FreightRemoteErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->remote_code = NULL;
}

static void
remote_private_copy (const FreightRemoteErrorPrivate *src,
                     FreightRemoteErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->remote_code = g_strdup (src->remote_code);
}

static void
remote_private_clear (FreightRemoteErrorPrivate *priv)
{
  g_clear_pointer (&priv->remote_code, g_free);
}

/* The private data sits just before the GError, aligned as GType aligns instance private
 * data (the layout G_DEFINE_EXTENDED_ERROR uses, written out so that no path returns NULL
 * under -Werror=null-dereference). */
static FreightRemoteErrorPrivate *
remote_private (const GError *error)
{
  const gsize align = 2 * sizeof (gsize);
  const gsize size = (sizeof (FreightRemoteErrorPrivate) + (align - 1)) & -align;

  return (FreightRemoteErrorPrivate *) (((guint8 *) error) - size);
}

static void
remote_init (GError *error)
{
  remote_private_init (remote_private (error));
}

static void
remote_copy (const GError *src,
             GError       *dest)
{
  remote_private_copy (remote_private (src), remote_private (dest));
}

static void
remote_clear (GError *error)
{
  remote_private_clear (remote_private (error));
}

GQuark
freight_api_error_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    {
      GQuark q = g_error_domain_register_static ("freight-api-error-quark",
                                                 sizeof (FreightRemoteErrorPrivate),
                                                 remote_init, remote_copy, remote_clear);
      g_once_init_leave (&quark, q);
    }
  return (GQuark) quark;
}

GQuark
freight_auth_error_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    {
      GQuark q = g_error_domain_register_static ("freight-auth-error-quark",
                                                 sizeof (FreightRemoteErrorPrivate),
                                                 remote_init, remote_copy, remote_clear);
      g_once_init_leave (&quark, q);
    }
  return (GQuark) quark;
}

G_DEFINE_QUARK (freight-http-error-quark, freight_http_error)

static FreightRemoteErrorPrivate *
get_remote_private (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == FREIGHT_API_ERROR || error->domain == FREIGHT_AUTH_ERROR)
    return remote_private (error);
  return NULL;
}

/**
 * freight_error_get_remote_code:
 * @error: (nullable): an error
 *
 * Returns: (nullable): the server's error code for a FREIGHT_API_ERROR (the Salesforce
 *   `errorCode`) or a FREIGHT_AUTH_ERROR (the OAuth `error`), or %NULL.
 */
const char *
freight_error_get_remote_code (const GError *error)
{
  FreightRemoteErrorPrivate *priv = get_remote_private (error);

  return priv != NULL ? priv->remote_code : NULL;
}

/**
 * freight_error_get_http_status:
 * @error: (nullable): an error
 *
 * Returns: the HTTP status of the answer that caused a FREIGHT_API_ERROR or
 *   FREIGHT_AUTH_ERROR, or 0.
 */
guint
freight_error_get_http_status (const GError *error)
{
  FreightRemoteErrorPrivate *priv = get_remote_private (error);

  return priv != NULL ? priv->http_status : 0;
}

/**
 * freight_set_remote_error:
 * @error: (nullable): return location
 * @domain: FREIGHT_API_ERROR or FREIGHT_AUTH_ERROR
 * @code: the error code in @domain
 * @http_status: the HTTP status, or 0
 * @remote_code: (nullable): the server's error code
 * @format: printf-style message
 *
 * Sets @error to a new error of @domain that carries @http_status and @remote_code.
 */
void
freight_set_remote_error (GError     **error,
                          GQuark       domain,
                          int          code,
                          guint        http_status,
                          const char  *remote_code,
                          const char  *format,
                          ...)
{
  FreightRemoteErrorPrivate *priv;
  g_autofree char *message = NULL;
  GError *new_error;
  va_list args;

  g_return_if_fail (domain == FREIGHT_API_ERROR || domain == FREIGHT_AUTH_ERROR);

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  new_error = g_error_new_literal (domain, code, message);
  priv = remote_private (new_error);
  priv->http_status = http_status;
  priv->remote_code = g_strdup (remote_code);
  g_propagate_error (error, new_error);
}
