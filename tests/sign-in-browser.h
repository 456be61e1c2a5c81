/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A scripted "system browser" for the OAuth web flow tests: on its own thread (so the
 * loopback listener keeps running in the test's main context) it opens the authorize
 * URL, fills in and submits the local org's login-and-consent form, follows the redirects
 * to the loopback listener, and keeps the page it shows at the end.
 */

typedef enum
{
  SIGN_IN_BROWSER_ALLOW,        /* log in as the user and allow */
  SIGN_IN_BROWSER_DENY,         /* press Deny on the consent page */
  SIGN_IN_BROWSER_FORGE_STATE,  /* allow, but come back with another state */
  SIGN_IN_BROWSER_WRONG_PASSWORD, /* log in with a wrong password, then stop */
} SignInBrowserMode;

typedef struct
{
  guint  final_status;          /* of the last page */
  char  *final_url;             /* the last URL opened */
  char  *final_body;            /* the last page */
  gboolean posted_form;         /* a login form was filled in */
  char  *error;                 /* a transport error, or NULL */
} SignInBrowserResult;

typedef struct _SignInBrowser SignInBrowser;

SignInBrowser       *sign_in_browser_open  (const char         *authorize_url,
                                            SignInBrowserMode   mode,
                                            const char         *username,
                                            const char         *password);
SignInBrowserResult *sign_in_browser_close (SignInBrowser      *browser);
void                 sign_in_browser_result_free (SignInBrowserResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignInBrowserResult, sign_in_browser_result_free)

G_END_DECLS
