/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The core's one public header, for the app, the CLI, the local org and the tests. */

#include "freight-reconcile-types.h"
#include "freight-sf-error.h"
#include "freight-sf-id.h"
#include "freight-types.h"
#include "freight-version.h"
