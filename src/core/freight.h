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
#include "freight-describe-field.h"
#include "freight-describe-global-entry.h"
#include "freight-describe-object.h"
#include "freight-mapping-errors.h"
#include "freight-operation.h"
#include "freight-properties.h"
#include "freight-sdl-entry.h"
#include "freight-sdl-mapping.h"
#include "freight-sdl-target.h"
#include "freight-sdl.h"
#include "freight-sf-id.h"
#include "freight-transform.h"
#include "freight-types.h"
#include "freight-value-format.h"
#include "freight-version.h"
