/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_SDL_ERROR (freight_sdl_error_quark ())

/**
 * FreightSdlError:
 * @FREIGHT_SDL_ERROR_IO: the file could not be read or written
 * @FREIGHT_SDL_ERROR_ENCODING: UTF-16/UTF-32 text, a NUL byte, or broken UTF-8 after a
 *   UTF-8 byte order mark
 * @FREIGHT_SDL_ERROR_ESCAPE: a malformed `\uXXXX` escape, half of a surrogate pair, or
 *   `\u0000`
 * @FREIGHT_SDL_ERROR_CONSTANT: a key that opens a constant with `"` but does not close it
 * @FREIGHT_SDL_ERROR_DUPLICATE: a CSV column, constant or query field mapped twice
 * @FREIGHT_SDL_ERROR_TARGET: a malformed field or relationship target, or an empty one in
 *   a list
 * @FREIGHT_SDL_ERROR_COLUMN: a CSV column name that an .sdl file can't hold, or an empty
 *   one in a list
 * @FREIGHT_SDL_ERROR_INVALID_ENTRY: an entry whose shape does not fit the mapping's
 *   direction
 */
typedef enum
{
  FREIGHT_SDL_ERROR_IO,
  FREIGHT_SDL_ERROR_ENCODING,
  FREIGHT_SDL_ERROR_ESCAPE,
  FREIGHT_SDL_ERROR_CONSTANT,
  FREIGHT_SDL_ERROR_DUPLICATE,
  FREIGHT_SDL_ERROR_TARGET,
  FREIGHT_SDL_ERROR_COLUMN,
  FREIGHT_SDL_ERROR_INVALID_ENTRY,
} FreightSdlError;

/**
 * FreightSdlDirection:
 * @FREIGHT_SDL_DIRECTION_LOAD: insert, update, upsert and delete mappings:
 *   `CsvColumn=Field` and `"constant"=Field`
 * @FREIGHT_SDL_DIRECTION_EXTRACT: export (query) mappings, the other way round:
 *   `SoqlField=CsvColumn` and `"constant"=CsvColumn`
 *
 * An .sdl file does not say which way it goes; the operation it is used for does.
 */
typedef enum
{
  FREIGHT_SDL_DIRECTION_LOAD,
  FREIGHT_SDL_DIRECTION_EXTRACT,
} FreightSdlDirection;

GQuark freight_sdl_error_quark (void);

G_END_DECLS
