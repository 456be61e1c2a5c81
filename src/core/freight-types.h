/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Forward declarations of the core's types, so headers can refer to each other. */

/* Data Loader .sdl mapping files */
typedef struct _FreightProperties FreightProperties;
typedef struct _FreightSdlEntry   FreightSdlEntry;
typedef struct _FreightSdlMapping FreightSdlMapping;
typedef struct _FreightSdlTarget  FreightSdlTarget;

/* Connection layer */
typedef struct _FreightAccessTokenAuth  FreightAccessTokenAuth;
typedef struct _FreightAuth             FreightAuth;
typedef struct _FreightClientCredentialsAuth FreightClientCredentialsAuth;
typedef struct _FreightDescribeCache    FreightDescribeCache;
typedef struct _FreightHttpClient       FreightHttpClient;
typedef struct _FreightHttpRequest      FreightHttpRequest;
typedef struct _FreightHttpResponse     FreightHttpResponse;
typedef struct _FreightJwtAuth          FreightJwtAuth;
typedef struct _FreightOAuthClient      FreightOAuthClient;
typedef struct _FreightOAuthToken       FreightOAuthToken;
typedef struct _FreightOrg              FreightOrg;
typedef struct _FreightOrgSession       FreightOrgSession;
typedef struct _FreightOrgStore         FreightOrgStore;
typedef struct _FreightPasswordAuth     FreightPasswordAuth;
typedef struct _FreightRefreshTokenAuth FreightRefreshTokenAuth;
typedef struct _FreightSfCli            FreightSfCli;
typedef struct _FreightSignIn           FreightSignIn;
typedef struct _FreightWebSignIn        FreightWebSignIn;

/* Bulk API 2.0 */
typedef struct _FreightBulkClient       FreightBulkClient;
typedef struct _FreightBulkJob          FreightBulkJob;
typedef struct _FreightExport           FreightExport;
typedef struct _FreightJobs             FreightJobs;

/* Runs: the journal */
typedef struct _FreightJournal          FreightJournal;

G_END_DECLS
