/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *freight_get_version (void);
const char *freight_get_user_agent (void);

G_END_DECLS
