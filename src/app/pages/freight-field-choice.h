/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_FIELD_CHOICE (freight_field_choice_get_type ())

G_DECLARE_FINAL_TYPE (FreightFieldChoice, freight_field_choice, FREIGHT, FIELD_CHOICE, GObject)

GListModel           *freight_field_choice_list_new       (FreightMapping     *mapping,
                                                           gboolean            with_unmapped);
FreightFieldChoice   *freight_field_choice_list_lookup    (GListModel         *choices,
                                                           FreightMapping     *mapping,
                                                           const char         *path);

const char           *freight_field_choice_get_path       (FreightFieldChoice *self);
const char           *freight_field_choice_get_title      (FreightFieldChoice *self);
const char           *freight_field_choice_get_subtitle   (FreightFieldChoice *self);
const char           *freight_field_choice_get_type_label (FreightFieldChoice *self);
gboolean              freight_field_choice_get_required   (FreightFieldChoice *self);
gboolean              freight_field_choice_get_enabled    (FreightFieldChoice *self);
const char           *freight_field_choice_get_reason     (FreightFieldChoice *self);
FreightDescribeField *freight_field_choice_get_field      (FreightFieldChoice *self);
gboolean              freight_field_choice_matches        (FreightFieldChoice *self,
                                                           const char         *folded);

char                 *_freight_field_type_label           (FreightDescribeField *field);

G_END_DECLS
