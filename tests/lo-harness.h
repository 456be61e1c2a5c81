/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * The integration-test harness: runs freight-local-org from the build directory on a free
 * loopback port, reads its URL line, logs in as the demo user, and stops it again (also
 * when the test process dies: the child gets SIGTERM from the kernel).
 *
 *   g_autoptr(LoHarness) org = lo_harness_start (NULL);
 *   … lo_harness_get_url (org), lo_harness_get_access_token (org) …
 *
 * The binary comes from $FREIGHT_LOCAL_ORG (tests/meson.build sets it). Any test that
 * needs an org uses this; the HTTP helpers below are for tests that talk to it directly.
 */

typedef struct _LoHarness LoHarness;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *text;     /* the body, NUL-terminated */
} LoResponse;

#define LO_HARNESS_CONSUMER_KEY    "freight-local-org"
#define LO_HARNESS_CONSUMER_SECRET "freight-local-secret"
#define LO_HARNESS_USERNAME        "admin@freight.local"
#define LO_HARNESS_PASSWORD        "freight"

LoHarness  *lo_harness_start_full        (const char * const *extra_args,
                                          gboolean            log_in,
                                          GError            **error);
LoHarness  *lo_harness_start             (const char * const *extra_args);
void        lo_harness_stop              (LoHarness          *self);
void        lo_harness_free              (LoHarness          *self);
const char *lo_harness_get_url           (LoHarness          *self);
const char *lo_harness_get_access_token  (LoHarness          *self);
GPid        lo_harness_get_pid           (LoHarness          *self);
char       *lo_harness_password_login    (LoHarness          *self,
                                          GError            **error);
LoResponse *lo_harness_request           (LoHarness          *self,
                                          const char         *method,
                                          const char         *path,
                                          const char         *content_type,
                                          const char         *body,
                                          gssize              length,
                                          const char         *token);
void        lo_harness_set_fresh_connections (LoHarness      *self,
                                          gboolean            fresh);
LoResponse *lo_harness_get               (LoHarness          *self,
                                          const char         *path);
LoResponse *lo_harness_post_json         (LoHarness          *self,
                                          const char         *path,
                                          const char         *json);
LoResponse *lo_harness_post_form         (LoHarness          *self,
                                          const char         *path,
                                          const char         *form);
LoResponse *lo_harness_put_chunked       (LoHarness          *self,
                                          const char         *path,
                                          const char         *data,
                                          gsize               length);
JsonNode   *lo_response_get_json         (LoResponse         *response);
const char *lo_response_get_header       (LoResponse         *response,
                                          const char         *name);
void        lo_response_free             (LoResponse         *response);

/* Polls a Bulk job until its state is final; returns its last job info. */
JsonObject *lo_harness_wait_for_job      (LoHarness          *self,
                                          const char         *job_path);

#define lo_assert_status(response, expected)                                              \
  G_STMT_START {                                                                          \
    LoResponse *lo__r = (response);                                                       \
    if (lo__r->status != (guint) (expected))                                              \
      g_error ("%s:%d: HTTP status %u, expected %u; body: %s", __FILE__, __LINE__,         \
               lo__r->status, (guint) (expected), lo__r->text);                           \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoHarness, lo_harness_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoResponse, lo_response_free)

G_END_DECLS
