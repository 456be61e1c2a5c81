/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight.h"
#include "sign-in-browser.h"
#include "sign-in-keys.h"

G_BEGIN_DECLS

/* Helpers shared by the sign-in tests. */

FreightOrgSession  *sign_in_run                (FreightSignIn       *sign_in,
                                                FreightOrgStore     *store,
                                                GCancellable        *cancellable,
                                                GError             **error);
FreightOrgSession  *sign_in_run_web            (FreightSignIn       *sign_in,
                                                FreightOrgStore     *store,
                                                SignInBrowserMode    mode,
                                                SignInBrowserResult **browser_result,
                                                GError             **error);
GPtrArray          *sign_in_record_states      (FreightSignIn       *sign_in);
char               *sign_in_states_to_string   (GPtrArray           *states);

G_END_DECLS
