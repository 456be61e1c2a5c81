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

G_END_DECLS
