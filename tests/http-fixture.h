/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A real HTTP(S) server on a loopback port for the connection layer's tests: libsoup 3
 * running its own thread and main context, so the code under test can block on it. Tests
 * register handlers per path; the fixture counts requests and distinct client connections.
 *
 * For faults libsoup cannot produce (a connection reset in the middle of a body, a server
 * that stops reading), http_raw_server_new() runs a plain socket server whose handler
 * gets the accepted connection on a thread of its own. */

typedef struct _HttpFixture HttpFixture;

HttpFixture *http_fixture_new                   (const char          *cert_file,
                                                 const char          *key_file);
void         http_fixture_free                  (HttpFixture         *fixture);
const char  *http_fixture_get_url               (HttpFixture         *fixture);
void         http_fixture_add_handler           (HttpFixture         *fixture,
                                                 const char          *path,
                                                 SoupServerCallback   callback,
                                                 gpointer             user_data);
guint        http_fixture_count_connections     (HttpFixture         *fixture);
guint        http_fixture_count_requests        (HttpFixture         *fixture,
                                                 const char          *path);
GArray      *http_fixture_dup_arrival_times     (HttpFixture         *fixture,
                                                 const char          *path);
void         http_fixture_reset_counts          (HttpFixture         *fixture);

/* Request bodies to @path are not kept in memory: the handler gets their size and
 * SHA-256 from http_fixture_get_streamed_body(). */
void         http_fixture_stream_request_bodies (HttpFixture         *fixture,
                                                 const char          *path);
gboolean     http_fixture_get_streamed_body     (SoupServerMessage   *msg,
                                                 guint64             *size,
                                                 char               **sha256);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpFixture, http_fixture_free)

typedef struct _HttpRawServer HttpRawServer;

/* Called on a thread per accepted connection; returns when done with it. */
typedef void (*HttpRawHandler) (GSocketConnection *connection,
                                guint              connection_index,
                                gpointer           user_data);

HttpRawServer *http_raw_server_new          (HttpRawHandler  handler,
                                             gpointer        user_data);
void           http_raw_server_free         (HttpRawServer  *server);
const char    *http_raw_server_get_url      (HttpRawServer  *server);
guint          http_raw_server_count        (HttpRawServer  *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpRawServer, http_raw_server_free)

/* Helpers for raw handlers. */
gboolean     http_raw_read_request_head     (GSocketConnection   *connection,
                                             GString             *head);
void         http_raw_reset                 (GSocketConnection   *connection);

/* A JSON reply with a status. */
void         http_fixture_reply_json        (SoupServerMessage   *msg,
                                             guint                status,
                                             const char          *json);

/* Peak resident memory of this process in KiB, or -1 when the measure is meaningless
 * (sanitizers, valgrind). */
glong        http_fixture_peak_rss_kib      (void);

/* A temporary directory removed with everything in it by http_fixture_remove_tree(). */
char        *http_fixture_make_tmpdir       (void);
void         http_fixture_remove_tree       (const char          *path);

/* Fails the test if any of @secrets appears in a file under @path. Returns how many files
 * were scanned. */
guint        http_fixture_assert_no_secret_in_tree
                                            (const char          *path,
                                             const char * const  *secrets);

/* Fails the test if any of @secrets appears in a file under the folders listed in
 * $FREIGHT_TEST_SCAN_DIRS (set by keyring-session.sh), or else the user's config, data
 * and cache folders. Returns how many files were scanned. */
guint        http_fixture_assert_no_secret_in_files
                                            (const char * const  *secrets);

/* The test pattern: deterministic bytes for any offset, so large bodies need no memory. */
char        *http_pattern_block             (guint64              offset,
                                             gsize                len);
char        *http_pattern_sha256            (guint64              size);
char        *http_file_sha256               (const char          *path,
                                             guint64             *size);
void         http_write_pattern_file        (const char          *path,
                                             guint64              size);

/* /download?size=N[&stall=1]: N pattern bytes produced as they are sent (stall: stop
 * after 256 KiB and keep the connection open). /upload: a streamed request body
 * (register the path with http_fixture_stream_request_bodies()), answered with 201 and
 * {"size", "sha256", "content_type"}. */
void         http_download_handler          (SoupServer          *server,
                                             SoupServerMessage   *msg,
                                             const char          *path,
                                             GHashTable          *query,
                                             gpointer             user_data);
void         http_upload_handler            (SoupServer          *server,
                                             SoupServerMessage   *msg,
                                             const char          *path,
                                             GHashTable          *query,
                                             gpointer             user_data);

G_END_DECLS
