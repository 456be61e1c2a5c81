/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-harness.h"
#include "sign-in-fixture.h"

typedef struct
{
  gboolean           done;
  FreightOrgSession *session;
  GError            *error;
} Wait;

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->session = freight_sign_in_run_finish (FREIGHT_SIGN_IN (source), result, &wait->error);
  wait->done = TRUE;
}

static FreightOrgSession *
wait_for (Wait    *wait,
          GError **error)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  if (wait->error != NULL)
    g_propagate_error (error, wait->error);
  return wait->session;
}

/* Runs a sign-in to its end in the default main context, as the window would. */
FreightOrgSession *
sign_in_run (FreightSignIn    *sign_in,
             FreightOrgStore  *store,
             GCancellable     *cancellable,
             GError          **error)
{
  Wait wait = { 0 };

  freight_sign_in_run_async (sign_in, store, cancellable, run_done, &wait);
  return wait_for (&wait, error);
}

/* A web sign-in with the scripted browser opening the authorize URL. */
FreightOrgSession *
sign_in_run_web (FreightSignIn        *sign_in,
                 FreightOrgStore      *store,
                 SignInBrowserMode     mode,
                 SignInBrowserResult **browser_result,
                 GError              **error)
{
  Wait wait = { 0 };
  SignInBrowser *browser;
  FreightOrgSession *session;
  SignInBrowserResult *result;

  freight_sign_in_run_async (sign_in, store, NULL, run_done, &wait);
  if (freight_sign_in_get_state (sign_in) != FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER)
    return wait_for (&wait, error);

  g_assert_nonnull (freight_sign_in_get_authorize_url (sign_in));
  browser = sign_in_browser_open (freight_sign_in_get_authorize_url (sign_in), mode,
                                  LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD);
  session = wait_for (&wait, error);
  result = sign_in_browser_close (browser);
  if (browser_result != NULL)
    *browser_result = result;
  else
    sign_in_browser_result_free (result);
  return session;
}

static void
state_changed (FreightSignIn *sign_in,
               GParamSpec    *pspec,
               GPtrArray     *states)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FREIGHT_TYPE_SIGN_IN_STATE);
  GEnumValue *value = g_enum_get_value (klass, freight_sign_in_get_state (sign_in));

  g_ptr_array_add (states, g_strdup (value->value_nick));
}

/* Records the states the sign-in goes through, until it is freed. */
GPtrArray *
sign_in_record_states (FreightSignIn *sign_in)
{
  GPtrArray *states = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_data (sign_in, "notify::state", G_CALLBACK (state_changed),
                         g_ptr_array_ref (states), (GClosureNotify) g_ptr_array_unref, 0);
  return states;
}

char *
sign_in_states_to_string (GPtrArray *states)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", (char *) states->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
