/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_SF_CLI (freight_sf_cli_get_type ())

G_DECLARE_FINAL_TYPE (FreightSfCli, freight_sf_cli, FREIGHT, SF_CLI, GObject)

FreightSfCli  *freight_sf_cli_new                   (const char           *program);
const char    *freight_sf_cli_get_program           (FreightSfCli         *self);
gboolean       freight_sf_cli_is_available          (FreightSfCli         *self);
void           freight_sf_cli_list_orgs_async       (FreightSfCli         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray     *freight_sf_cli_list_orgs_finish      (FreightSfCli         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void           freight_sf_cli_import_async          (FreightSfCli         *self,
                                                     const char           *target_org,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
FreightSignIn *freight_sf_cli_import_finish         (FreightSfCli         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
GPtrArray     *freight_sf_cli_parse_org_list        (const char           *json,
                                                     gssize                length,
                                                     GError              **error);
FreightSignIn *freight_sf_cli_parse_sign_in         (const char           *display_json,
                                                     const char           *auth_url_json,
                                                     const char           *access_token_json,
                                                     GError              **error);

G_END_DECLS
