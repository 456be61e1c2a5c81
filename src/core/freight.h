/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The core's one public header, for the app, the CLI, the local org and the tests. */

#include "freight-csv-dialect.h"
#include "freight-csv-index.h"
#include "freight-csv-reader.h"
#include "freight-csv-record.h"
#include "freight-csv-sniffer.h"
#include "freight-csv-types.h"
#include "freight-csv-writer.h"
#include "freight-reconcile.h"
#include "freight-sf-error.h"
#include "freight-sf-id.h"
#include "freight-types.h"
#include "freight-properties.h"
#include "freight-sdl.h"
#include "freight-sdl-entry.h"
#include "freight-sdl-mapping.h"
#include "freight-sdl-target.h"
#include "freight-version.h"
