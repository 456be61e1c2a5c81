/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-http-request.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_DEFAULT_API_VERSION "66.0"
#define FREIGHT_MIN_API_VERSION     "47.0"

#define FREIGHT_ORG_ERROR (freight_org_error_quark ())

/**
 * FreightOrgError:
 * @FREIGHT_ORG_ERROR_API_VERSION: the org offers no API version Freight can use
 * @FREIGHT_ORG_ERROR_INVALID_NAME: an sObject name that cannot exist
 * @FREIGHT_ORG_ERROR_NOT_SIGNED_IN: there is no token and no way to get one
 */
typedef enum
{
  FREIGHT_ORG_ERROR_API_VERSION,
  FREIGHT_ORG_ERROR_INVALID_NAME,
  FREIGHT_ORG_ERROR_NOT_SIGNED_IN,
} FreightOrgError;

GQuark freight_org_error_quark (void);

#define FREIGHT_TYPE_ORG_SESSION (freight_org_session_get_type ())

G_DECLARE_FINAL_TYPE (FreightOrgSession, freight_org_session, FREIGHT, ORG_SESSION, GObject)

FreightOrgSession  *freight_org_session_new (FreightHttpClient *http,
                                             FreightAuth       *auth);
FreightHttpClient  *freight_org_session_get_http_client (FreightOrgSession *self);
FreightAuth        *freight_org_session_get_auth (FreightOrgSession *self);
char               *freight_org_session_dup_instance_url (FreightOrgSession *self);
char               *freight_org_session_dup_api_version (FreightOrgSession *self);
char               *freight_org_session_dup_org_id (FreightOrgSession *self);
char               *freight_org_session_dup_user_id (FreightOrgSession *self);
JsonObject         *freight_org_session_dup_identity (FreightOrgSession *self);
guint               freight_org_session_get_request_count (FreightOrgSession *self);
gboolean            freight_org_session_connect (FreightOrgSession  *self,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
void                freight_org_session_connect_async (FreightOrgSession   *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            freight_org_session_connect_finish (FreightOrgSession  *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);
char               *freight_org_session_build_url (FreightOrgSession *self,
                                                   const char        *path);
FreightHttpRequest *freight_org_session_new_request (FreightOrgSession  *self,
                                                     const char         *method,
                                                     const char         *path,
                                                     GError            **error);
FreightHttpResponse *freight_org_session_send (FreightOrgSession   *self,
                                               FreightHttpRequest  *request,
                                               GCancellable        *cancellable,
                                               GError             **error);
JsonNode           *freight_org_session_send_json (FreightOrgSession  *self,
                                                   const char         *method,
                                                   const char         *path,
                                                   JsonNode           *body,
                                                   gboolean            retry_safe,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
FreightHttpResponse *freight_org_session_upload_file (FreightOrgSession        *self,
                                                      const char               *method,
                                                      const char               *path,
                                                      const char               *file,
                                                      const char               *content_type,
                                                      FreightHttpProgressFunc   progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
FreightHttpResponse *freight_org_session_download (FreightOrgSession        *self,
                                                   const char               *path,
                                                   const char               *file,
                                                   FreightHttpProgressFunc   progress,
                                                   gpointer                  progress_data,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);
JsonObject         *freight_org_session_describe_global (FreightOrgSession  *self,
                                                         GCancellable       *cancellable,
                                                         GError            **error);
void                freight_org_session_describe_global_async (FreightOrgSession   *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
JsonObject         *freight_org_session_describe_global_finish (FreightOrgSession  *self,
                                                                GAsyncResult       *result,
                                                                GError            **error);
JsonObject         *freight_org_session_describe_sobject (FreightOrgSession  *self,
                                                          const char         *name,
                                                          GCancellable       *cancellable,
                                                          GError            **error);
void                freight_org_session_describe_sobject_async (FreightOrgSession   *self,
                                                                const char          *name,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
JsonObject         *freight_org_session_describe_sobject_finish (FreightOrgSession  *self,
                                                                 GAsyncResult       *result,
                                                                 GError            **error);
void                freight_org_session_forget_describes (FreightOrgSession *self);
JsonObject         *freight_org_session_get_limits (FreightOrgSession  *self,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
void                freight_org_session_get_limits_async (FreightOrgSession   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonObject         *freight_org_session_get_limits_finish (FreightOrgSession  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);
gboolean            freight_limits_lookup (JsonObject *limits,
                                           const char *name,
                                           gint64     *max,
                                           gint64     *remaining);

G_END_DECLS
