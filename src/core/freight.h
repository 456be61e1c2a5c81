/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The core's one public header, for the app, the CLI, the local org and the tests. */

#include "freight-sf-id.h"
#include "freight-types.h"
#include "freight-properties.h"
#include "freight-sdl.h"
#include "freight-sdl-entry.h"
#include "freight-sdl-mapping.h"
#include "freight-sdl-target.h"
#include "freight-version.h"
