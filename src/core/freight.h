/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The core's one public header, for the app, the CLI, the local org and the tests. */

#include "freight-access-token-auth.h"
#include "freight-auth.h"
#include "freight-csv-dialect.h"
#include "freight-csv-index.h"
#include "freight-csv-reader.h"
#include "freight-csv-record.h"
#include "freight-csv-sniffer.h"
#include "freight-csv-types.h"
#include "freight-csv-writer.h"
#include "freight-describe-cache.h"
#include "freight-http-client.h"
#include "freight-http-error.h"
#include "freight-http-request.h"
#include "freight-http-response.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"
#include "freight-org-session.h"
#include "freight-org-store.h"
#include "freight-org.h"
#include "freight-password-auth.h"
#include "freight-refresh-token-auth.h"
#include "freight-sf-id.h"
#include "freight-types.h"
#include "freight-version.h"
