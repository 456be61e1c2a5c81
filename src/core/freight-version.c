/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-version"

#include "config.h"

#include "freight-version.h"

/**
 * freight_get_version:
 *
 * Returns: the version of Freight, e.g. "0.1.0".
 */
const char *
freight_get_version (void)
{
  return PACKAGE_VERSION;
}

/**
 * freight_get_user_agent:
 *
 * Returns: the User-Agent and Sforce-Call-Options client name Freight sends.
 */
const char *
freight_get_user_agent (void)
{
  return "Freight/" PACKAGE_VERSION;
}
