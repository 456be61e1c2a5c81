/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The error domains of the connection layer.
 *
 * FREIGHT_HTTP_ERROR: the request never got a complete HTTP answer (no connection, TLS,
 * timeouts, a connection that dropped mid-transfer, an unsafe URL). Cancellation is always
 * G_IO_ERROR_CANCELLED, and failures to read or write a local body file are G_IO_ERROR.
 *
 * FREIGHT_API_ERROR: Salesforce answered with an error status. The Salesforce `errorCode`
 * (e.g. "NOT_FOUND", "INVALID_SESSION_ID") and the HTTP status travel with the error; read
 * them with freight_error_get_remote_code() and freight_error_get_http_status().
 *
 * FREIGHT_AUTH_ERROR: signing in or keeping a session failed. OAuth token endpoint errors
 * keep their `error` value (e.g. "invalid_grant") as the remote code.
 */

#define FREIGHT_HTTP_ERROR (freight_http_error_quark ())
#define FREIGHT_API_ERROR (freight_api_error_quark ())
#define FREIGHT_AUTH_ERROR (freight_auth_error_quark ())

/**
 * FreightHttpError:
 * @FREIGHT_HTTP_ERROR_FAILED: any other transfer failure
 * @FREIGHT_HTTP_ERROR_INVALID_URL: the URL is malformed or uses an unsupported scheme
 * @FREIGHT_HTTP_ERROR_INSECURE: the URL is plain http:// to another computer
 * @FREIGHT_HTTP_ERROR_RESOLVE: the host name could not be resolved
 * @FREIGHT_HTTP_ERROR_CONNECT: no connection could be opened
 * @FREIGHT_HTTP_ERROR_TLS: the TLS handshake or certificate verification failed
 * @FREIGHT_HTTP_ERROR_TIMEOUT: connecting took too long, or the transfer stalled
 * @FREIGHT_HTTP_ERROR_CONNECTION_LOST: the connection broke before the answer was complete
 * @FREIGHT_HTTP_ERROR_CA_FILE: the extra CA certificate file cannot be used
 */
typedef enum
{
  FREIGHT_HTTP_ERROR_FAILED,
  FREIGHT_HTTP_ERROR_INVALID_URL,
  FREIGHT_HTTP_ERROR_INSECURE,
  FREIGHT_HTTP_ERROR_RESOLVE,
  FREIGHT_HTTP_ERROR_CONNECT,
  FREIGHT_HTTP_ERROR_TLS,
  FREIGHT_HTTP_ERROR_TIMEOUT,
  FREIGHT_HTTP_ERROR_CONNECTION_LOST,
  FREIGHT_HTTP_ERROR_CA_FILE,
} FreightHttpError;

/**
 * FreightApiError:
 * @FREIGHT_API_ERROR_FAILED: any other error status
 * @FREIGHT_API_ERROR_BAD_REQUEST: 400: the request was refused as invalid
 * @FREIGHT_API_ERROR_UNAUTHORIZED: 401 without a session problem Freight can repair
 * @FREIGHT_API_ERROR_FORBIDDEN: 403: not allowed (permissions, API disabled, limits)
 * @FREIGHT_API_ERROR_NOT_FOUND: 404: no such resource
 * @FREIGHT_API_ERROR_CONFLICT: 409: e.g. an API version mismatch
 * @FREIGHT_API_ERROR_GONE: 410: the API version is retired
 * @FREIGHT_API_ERROR_PRECONDITION_FAILED: 412: e.g. a job that is not complete yet
 * @FREIGHT_API_ERROR_RATE_LIMITED: 429: too many requests
 * @FREIGHT_API_ERROR_SERVER: 5xx: the server failed or is unavailable
 * @FREIGHT_API_ERROR_INVALID_RESPONSE: a success status with a body Freight cannot read
 */
typedef enum
{
  FREIGHT_API_ERROR_FAILED,
  FREIGHT_API_ERROR_BAD_REQUEST,
  FREIGHT_API_ERROR_UNAUTHORIZED,
  FREIGHT_API_ERROR_FORBIDDEN,
  FREIGHT_API_ERROR_NOT_FOUND,
  FREIGHT_API_ERROR_CONFLICT,
  FREIGHT_API_ERROR_GONE,
  FREIGHT_API_ERROR_PRECONDITION_FAILED,
  FREIGHT_API_ERROR_RATE_LIMITED,
  FREIGHT_API_ERROR_SERVER,
  FREIGHT_API_ERROR_INVALID_RESPONSE,
} FreightApiError;

/**
 * FreightAuthError:
 * @FREIGHT_AUTH_ERROR_FAILED: any other sign-in failure
 * @FREIGHT_AUTH_ERROR_INVALID_GRANT: wrong credentials, an expired or revoked refresh token,
 *   a consumer the user has not approved, an IP restriction…
 * @FREIGHT_AUTH_ERROR_INVALID_CLIENT: the consumer key or secret is wrong
 * @FREIGHT_AUTH_ERROR_UNSUPPORTED_GRANT: the org does not allow this sign-in method
 * @FREIGHT_AUTH_ERROR_INVALID_REQUEST: the token request was malformed
 * @FREIGHT_AUTH_ERROR_SESSION_EXPIRED: the session ended and cannot be renewed: sign in again
 * @FREIGHT_AUTH_ERROR_INVALID_TOKEN: a token reply or a pasted token is unusable
 * @FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL: the login URL is malformed or not https
 * @FREIGHT_AUTH_ERROR_MISSING: something the sign-in method needs was not given (consumer
 *   key, username, key file…)
 * @FREIGHT_AUTH_ERROR_STATE_MISMATCH: the browser came back with another `state` than the
 *   one sent: the answer is not for this sign-in
 * @FREIGHT_AUTH_ERROR_ACCESS_DENIED: the user (or the org) denied access in the browser
 * @FREIGHT_AUTH_ERROR_TIMED_OUT: the browser did not come back in time
 * @FREIGHT_AUTH_ERROR_LISTENER: the loopback listener for the browser could not start
 * @FREIGHT_AUTH_ERROR_PRIVATE_KEY: the JWT private key cannot be read or used
 * @FREIGHT_AUTH_ERROR_KEY_PASSPHRASE: the private key needs a passphrase, or it was wrong
 * @FREIGHT_AUTH_ERROR_SF_CLI: the Salesforce CLI is missing or could not export the org
 */
typedef enum
{
  FREIGHT_AUTH_ERROR_FAILED,
  FREIGHT_AUTH_ERROR_INVALID_GRANT,
  FREIGHT_AUTH_ERROR_INVALID_CLIENT,
  FREIGHT_AUTH_ERROR_UNSUPPORTED_GRANT,
  FREIGHT_AUTH_ERROR_INVALID_REQUEST,
  FREIGHT_AUTH_ERROR_SESSION_EXPIRED,
  FREIGHT_AUTH_ERROR_INVALID_TOKEN,
  FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
  FREIGHT_AUTH_ERROR_MISSING,
  FREIGHT_AUTH_ERROR_STATE_MISMATCH,
  FREIGHT_AUTH_ERROR_ACCESS_DENIED,
  FREIGHT_AUTH_ERROR_TIMED_OUT,
  FREIGHT_AUTH_ERROR_LISTENER,
  FREIGHT_AUTH_ERROR_PRIVATE_KEY,
  FREIGHT_AUTH_ERROR_KEY_PASSPHRASE,
  FREIGHT_AUTH_ERROR_SF_CLI,
} FreightAuthError;

GQuark      freight_http_error_quark      (void);
GQuark      freight_api_error_quark       (void);
GQuark      freight_auth_error_quark      (void);

const char *freight_error_get_remote_code (const GError *error);
guint       freight_error_get_http_status (const GError *error);

void        freight_set_remote_error      (GError     **error,
                                           GQuark       domain,
                                           int          code,
                                           guint        http_status,
                                           const char  *remote_code,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (6, 7);

G_END_DECLS
