/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_PROPERTIES  (freight_properties_get_type ())
#define FREIGHT_PROPERTIES_ERROR (freight_properties_error_quark ())

/**
 * FreightPropertiesError:
 * @FREIGHT_PROPERTIES_ERROR_ENCODING: the bytes are not text Freight can read (UTF-16 or
 *   UTF-32, a NUL byte, broken UTF-8 after a UTF-8 byte order mark)
 * @FREIGHT_PROPERTIES_ERROR_ESCAPE: a malformed `\uXXXX` escape, half of a surrogate pair,
 *   or `\u0000`
 */
typedef enum
{
  FREIGHT_PROPERTIES_ERROR_ENCODING,
  FREIGHT_PROPERTIES_ERROR_ESCAPE,
} FreightPropertiesError;

/**
 * FreightPropertiesEncoding:
 * @FREIGHT_PROPERTIES_ENCODING_UTF8: the file was valid UTF-8 (this includes plain ASCII,
 *   which is all that java.util.Properties.store() ever writes)
 * @FREIGHT_PROPERTIES_ENCODING_ISO_8859_1: the file was not valid UTF-8 and was read as
 *   ISO-8859-1, the encoding java.util.Properties.load(InputStream) always assumes
 */
typedef enum
{
  FREIGHT_PROPERTIES_ENCODING_UTF8,
  FREIGHT_PROPERTIES_ENCODING_ISO_8859_1,
} FreightPropertiesEncoding;

GType                      freight_properties_get_type       (void) G_GNUC_CONST;
GQuark                     freight_properties_error_quark    (void);

FreightProperties         *freight_properties_new            (void);
FreightProperties         *freight_properties_new_from_bytes (GBytes             *bytes,
                                                              const char         *display_name,
                                                              GError            **error);
FreightProperties         *freight_properties_ref            (FreightProperties  *self);
void                       freight_properties_unref          (FreightProperties  *self);

FreightPropertiesEncoding  freight_properties_get_encoding   (FreightProperties  *self);
guint                      freight_properties_get_n_items    (FreightProperties  *self);
const char                *freight_properties_get_key        (FreightProperties  *self,
                                                              guint               position);
const char                *freight_properties_get_value      (FreightProperties  *self,
                                                              guint               position);
guint                      freight_properties_get_line       (FreightProperties  *self,
                                                              guint               position);
const char                *freight_properties_lookup         (FreightProperties  *self,
                                                              const char         *key);
void                       freight_properties_append         (FreightProperties  *self,
                                                              const char         *key,
                                                              const char         *value);
GBytes                    *freight_properties_to_bytes       (FreightProperties  *self,
                                                              const char         *comment);

char                      *freight_properties_escape         (const char         *text,
                                                              gboolean            is_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightProperties, freight_properties_unref)

G_END_DECLS
