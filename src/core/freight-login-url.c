/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-oauth"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-login-url.h"
#include "freight-oauth-client.h"

/* Login URLs (salesforce-api.md §6.1): production, sandbox, a My Domain, a community or
 * any custom host, and freight-local-org on this computer. What a user types is checked
 * here once, so that every later request goes to an address that is https (plain http
 * only to this computer) and has no query, fragment or credentials in it. */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* "[::1]" as GUri may leave it */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
host_has_suffix (const char *host,
                 const char *suffix)
{
  return host != NULL && (g_ascii_strcasecmp (host, suffix + 1) == 0
                          || (strlen (host) > strlen (suffix)
                              && g_ascii_strcasecmp (host + strlen (host) - strlen (suffix),
                                                     suffix) == 0));
}

/**
 * freight_login_url_normalize:
 * @text: what the user typed: "production", "sandbox", a host name such as
 *   "mydomain.my.salesforce.com", or a URL
 * @error: return location for a FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL
 *
 * Checks a login URL and writes it the one way Freight stores it: `https://host[:port]`
 * (with a path only for community URLs), lower-case host, no trailing slash. Plain
 * `http://` is accepted only for this computer (a local org).
 *
 * Returns: (transfer full): the login URL, or %NULL with @error set
 */
char *
freight_login_url_normalize (const char  *text,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *candidate = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                   _("The login URL is empty. Choose production, sandbox, or enter the "
                     "org’s My Domain URL."));
      return NULL;
    }

  if (g_ascii_strcasecmp (trimmed, "production") == 0
      || g_ascii_strcasecmp (trimmed, "login") == 0)
    return g_strdup (FREIGHT_LOGIN_URL_PRODUCTION);
  if (g_ascii_strcasecmp (trimmed, "sandbox") == 0 || g_ascii_strcasecmp (trimmed, "test") == 0)
    return g_strdup (FREIGHT_LOGIN_URL_SANDBOX);

  if (strstr (trimmed, "://") == NULL)
    candidate = g_strconcat ("https://", trimmed, NULL);
  else
    candidate = g_strdup (trimmed);

  uri = g_uri_parse (candidate, G_URI_FLAGS_NONE, &parse_error);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                   _("“%s” is not a login URL. Enter an address such as "
                     "https://mydomain.my.salesforce.com."), trimmed);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  scheme = g_uri_get_scheme (uri);

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                   _("The login URL “%s” has a user name, query or fragment in it. Enter only "
                     "the address of the login host, such as "
                     "https://mydomain.my.salesforce.com."), trimmed);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      if (g_ascii_strcasecmp (scheme, "http") != 0)
        {
          g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                       _("“%s” is not an https address. Enter an address such as "
                         "https://mydomain.my.salesforce.com."), trimmed);
          return NULL;
        }
      if (!host_is_loopback (host))
        {
          g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                       _("The login URL %s is plain http: passwords and tokens would cross "
                         "the network unencrypted. Use https://%s instead."),
                       trimmed, host);
          return NULL;
        }
    }

  /* The Lightning address is where the user works, not where they sign in. */
  if (host_has_suffix (host, ".lightning.force.com"))
    {
      g_autofree char *my_domain = g_strndup (host, strlen (host)
                                                    - strlen (".lightning.force.com"));

      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                   _("%s is the org’s Lightning address. Sign in at its My Domain URL "
                     "instead, such as https://%s.my.salesforce.com."), host, my_domain);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d%s", g_ascii_strcasecmp (scheme, "https") == 0
                                            ? "https" : "http",
                            host, g_uri_get_port (uri), path);
  return g_strdup_printf ("%s://%s%s", g_ascii_strcasecmp (scheme, "https") == 0
                                       ? "https" : "http", host, path);
}

/**
 * freight_login_url_get_host:
 * @url: a URL
 *
 * Returns: (transfer full) (nullable): its host
 */
char *
freight_login_url_get_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

/**
 * freight_login_url_is_sandbox:
 * @url: (nullable): a login or instance URL
 *
 * Returns: whether the host is a sandbox's: test.salesforce.com, a sandbox My Domain
 *   (`…--name.sandbox.my.salesforce.com`, or the older `…--name.my.salesforce.com`)
 */
gboolean
freight_login_url_is_sandbox (const char *url)
{
  g_autofree char *host = freight_login_url_get_host (url);

  if (host == NULL)
    return FALSE;
  if (g_str_equal (host, "test.salesforce.com")
      || host_has_suffix (host, ".sandbox.my.salesforce.com"))
    return TRUE;
  return host_has_suffix (host, ".my.salesforce.com") && strstr (host, "--") != NULL;
}

/**
 * freight_login_url_is_loopback:
 * @url: (nullable): a URL
 *
 * Returns: whether it points at this computer (a local org)
 */
gboolean
freight_login_url_is_loopback (const char *url)
{
  g_autofree char *host = freight_login_url_get_host (url);

  return host_is_loopback (host);
}

/**
 * freight_login_url_is_shared_host:
 * @url: (nullable): a login URL
 *
 * Returns: whether it is one of the login hosts every org shares (login.salesforce.com,
 *   test.salesforce.com), which do not know which org a connected app belongs to: the
 *   client credentials flow needs the org's My Domain instead
 */
gboolean
freight_login_url_is_shared_host (const char *url)
{
  g_autofree char *host = freight_login_url_get_host (url);

  return g_strcmp0 (host, "login.salesforce.com") == 0
         || g_strcmp0 (host, "test.salesforce.com") == 0;
}

/**
 * freight_login_url_jwt_audience:
 * @url: a normalized login URL
 *
 * The `aud` claim of a JWT bearer assertion (§6.2): https://test.salesforce.com for a
 * sandbox, https://login.salesforce.com for any other Salesforce host (a My Domain is not
 * an audience), and the login URL itself for a community or another host such as a local
 * org.
 *
 * Returns: (transfer full): the audience
 */
char *
freight_login_url_jwt_audience (const char *url)
{
  g_autofree char *host = freight_login_url_get_host (url);

  g_return_val_if_fail (url != NULL, NULL);

  if (freight_login_url_is_sandbox (url))
    return g_strdup (FREIGHT_LOGIN_URL_SANDBOX);
  if (host_has_suffix (host, ".salesforce.com"))
    return g_strdup (FREIGHT_LOGIN_URL_PRODUCTION);
  return g_strdup (url);
}
