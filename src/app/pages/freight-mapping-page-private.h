/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-mapping-page.h"

G_BEGIN_DECLS

/* FreightMappingPage is split by concern: freight-mapping-page.c (columns, constants,
 * problems, auto-map), freight-mapping-page-memory.c (remembering the mapping) and
 * freight-mapping-page-sdl.c (Data Loader files). */

struct _FreightMappingPage
{
  FreightWizardPage     parent_instance;

  /* Template widgets */
  GtkButton            *auto_map_button;
  GtkLabel             *summary_label;
  GtkToggleButton      *fields_button;
  AdwFlap              *flap;
  GtkRevealer          *memory_revealer;
  GtkLabel             *memory_label;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  GtkListBox           *columns_list;
  GtkListBox           *constants_list;
  AdwEntryRow          *constant_row;
  GtkMenuButton        *constant_target_button;
  GtkLabel             *constant_target_label;
  GtkSearchEntry       *field_search;
  GtkListView          *field_list;

  /* The targets: with “Not Mapped” for the column pickers, without for the rest */
  GListModel           *choices;
  GListModel           *field_choices;
  GtkCustomFilter      *field_filter;
  GtkFilterListModel   *field_filtered;
  char                 *field_search_text;

  /* Constants */
  GtkCustomFilter      *constant_filter;
  GtkFilterListModel   *constants;
  GtkWidget            *constant_picker;
  char                 *constant_target;

  /* The mapping's problems and auto-map's notes, as the page lists them */
  GListStore           *problems;
  GListStore           *notes;

  /* Remembering: the key of the (org, object, header) shown, what was remembered for it
   * while the user has not decided, and whether changes are remembered yet */
  char                 *memory_key;
  JsonNode             *remembered;
  GCancellable         *memory_cancellable;
  guint                 save_source;

  /* Making the column rows, between frames */
  guint                 rows_source;
  guint                 n_rows;

  /* .sdl files */
  GtkFileChooserNative *chooser;
  GCancellable         *sdl_cancellable;

  guint                 remember : 1;
  guint                 auto_map_pending : 1;
  guint                 samples_shown : 1;
};

FreightWizard  *_freight_mapping_page_get_wizard     (FreightMappingPage *self);
FreightMapping *_freight_mapping_page_get_mapping    (FreightMappingPage *self);
void            _freight_mapping_page_update_actions (FreightMappingPage *self);
void            _freight_mapping_page_sync_constants (FreightMappingPage *self);
void            _freight_mapping_page_map_column     (FreightMappingPage *self,
                                                      const char         *column,
                                                      const char         *path);
void            _freight_mapping_page_sdl_loaded     (FreightMappingPage *self);
void            _freight_mapping_page_auto_map       (FreightMappingPage *self,
                                                      gboolean            quiet);
void            _freight_mapping_page_save_now       (FreightMappingPage *self);
void            _freight_mapping_page_schedule_save  (FreightMappingPage *self);
void            _freight_mapping_page_set_remembered (FreightMappingPage *self,
                                                      JsonNode           *node);
void            _freight_mapping_page_check_memory   (FreightMappingPage *self);
void            _freight_mapping_page_use_remembered_action (GtkWidget  *widget,
                                                             const char *action_name,
                                                             GVariant   *param);
void            _freight_mapping_page_dismiss_remembered_action (GtkWidget  *widget,
                                                                 const char *action_name,
                                                                 GVariant   *param);
void            _freight_mapping_page_load_sdl_action (GtkWidget  *widget,
                                                       const char *action_name,
                                                       GVariant   *param);
void            _freight_mapping_page_save_sdl_action (GtkWidget  *widget,
                                                       const char *action_name,
                                                       GVariant   *param);
void            _freight_mapping_page_sdl_dispose    (FreightMappingPage *self);

G_END_DECLS
