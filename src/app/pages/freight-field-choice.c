/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-field-choice"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-field-choice.h"

/* A target a CSV column can be mapped to, as the field picker and the field list show
 * it: a field of the object, a lookup through a parent's external ID ("Account via
 * External_Id__c"), or "not mapped". Fields the operation cannot write are choices too,
 * disabled, with the reason. */

struct _FreightFieldChoice
{
  GObject               parent_instance;

  char                 *path;
  char                 *title;
  char                 *subtitle;
  char                 *type_label;
  char                 *reason;
  char                 *folded;
  FreightDescribeField *field;
  gboolean              required;
};

G_DEFINE_FINAL_TYPE (FreightFieldChoice, freight_field_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TYPE_LABEL,
  PROP_REQUIRED,
  PROP_ENABLED,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_field_choice_finalize (GObject *object)
{
  FreightFieldChoice *self = FREIGHT_FIELD_CHOICE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->type_label, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_object (&self->field);

  G_OBJECT_CLASS (freight_field_choice_parent_class)->finalize (object);
}

static void
freight_field_choice_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FreightFieldChoice *self = FREIGHT_FIELD_CHOICE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_TYPE_LABEL:
      g_value_set_string (value, self->type_label);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->reason == NULL);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_field_choice_class_init (FreightFieldChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_field_choice_finalize;
  object_class->get_property = freight_field_choice_get_property;

  /* The mapping target, `Name` or `Account__r.External_Id__c`; NULL for “not mapped”. */
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  /* The API path, or why the choice is disabled. */
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_TYPE_LABEL] = g_param_spec_string ("type-label", NULL, NULL, NULL, ro);
  /* Whether a record cannot be created without it. */
  properties[PROP_REQUIRED] = g_param_spec_boolean ("required", NULL, NULL, FALSE, ro);
  /* Whether the operation can write it. */
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, ro);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_field_choice_init (FreightFieldChoice *self)
{
}

static FreightFieldChoice *
choice_new (const char           *path,
            const char           *title,
            FreightDescribeField *field,
            const char           *type_label,
            gboolean              required,
            const char           *reason)
{
  FreightFieldChoice *self = g_object_new (FREIGHT_TYPE_FIELD_CHOICE, NULL);
  g_autofree char *key = NULL;

  self->path = g_strdup (path);
  self->title = g_strdup (title);
  self->field = field != NULL ? g_object_ref (field) : NULL;
  self->type_label = g_strdup (type_label);
  self->required = required;
  self->reason = g_strdup (reason);
  if (reason != NULL)
    self->subtitle = g_strdup (reason);
  else if (path != NULL)
    self->subtitle = g_strdup (path);
  else
    self->subtitle = g_strdup (_("The column is read, but not loaded"));

  key = g_strconcat (title, "\x1f", path != NULL ? path : "", NULL);
  self->folded = g_utf8_casefold (key, -1);
  return self;
}

/**
 * _freight_field_type_label:
 * @field: a field
 *
 * Returns: (transfer full): the field's type as Setup names it: “Text (80)”, “Date”,
 *   “Lookup (Account)”
 */
char *
_freight_field_type_label (FreightDescribeField *field)
{
  guint length = freight_describe_field_get_length (field);

  switch (freight_describe_field_get_field_type (field))
    {
    case FREIGHT_FIELD_TYPE_ID:
      return g_strdup (_("Record ID"));
    case FREIGHT_FIELD_TYPE_REFERENCE:
      {
        const char * const *to = freight_describe_field_get_reference_to (field);
        g_autofree char *objects = g_strjoinv (", ", (char **) to);

        /* Translators: a lookup field's type and the objects it points to. */
        return g_strdup_printf (_("Lookup (%s)"), objects);
      }
    case FREIGHT_FIELD_TYPE_STRING:
    case FREIGHT_FIELD_TYPE_ENCRYPTEDSTRING:
      /* Translators: a text field's type and its length in characters. */
      return g_strdup_printf (_("Text (%u)"), length);
    case FREIGHT_FIELD_TYPE_TEXTAREA:
      return g_strdup_printf (_("Text Area (%u)"), length);
    case FREIGHT_FIELD_TYPE_PICKLIST:
      return g_strdup (_("Picklist"));
    case FREIGHT_FIELD_TYPE_MULTIPICKLIST:
      return g_strdup (_("Multi-Select Picklist"));
    case FREIGHT_FIELD_TYPE_COMBOBOX:
      return g_strdup (_("Combo Box"));
    case FREIGHT_FIELD_TYPE_EMAIL:
      return g_strdup (_("Email"));
    case FREIGHT_FIELD_TYPE_PHONE:
      return g_strdup (_("Phone"));
    case FREIGHT_FIELD_TYPE_URL:
      return g_strdup (_("URL"));
    case FREIGHT_FIELD_TYPE_BASE64:
      return g_strdup (_("File Content"));
    case FREIGHT_FIELD_TYPE_BOOLEAN:
      return g_strdup (_("Checkbox"));
    case FREIGHT_FIELD_TYPE_INT:
    case FREIGHT_FIELD_TYPE_LONG:
    case FREIGHT_FIELD_TYPE_DOUBLE:
      return g_strdup (_("Number"));
    case FREIGHT_FIELD_TYPE_CURRENCY:
      return g_strdup (_("Currency"));
    case FREIGHT_FIELD_TYPE_PERCENT:
      return g_strdup (_("Percent"));
    case FREIGHT_FIELD_TYPE_DATE:
      return g_strdup (_("Date"));
    case FREIGHT_FIELD_TYPE_DATETIME:
      return g_strdup (_("Date/Time"));
    case FREIGHT_FIELD_TYPE_TIME:
      return g_strdup (_("Time"));
    case FREIGHT_FIELD_TYPE_ADDRESS:
      return g_strdup (_("Address"));
    case FREIGHT_FIELD_TYPE_LOCATION:
      return g_strdup (_("Geolocation"));
    case FREIGHT_FIELD_TYPE_ANYTYPE:
    case FREIGHT_FIELD_TYPE_OTHER:
    default:
      return g_strdup (freight_describe_field_get_type_name (field));
    }
}

static gboolean
is_required (FreightDescribeField *field,
             FreightOperation      operation)
{
  return (operation == FREIGHT_OPERATION_INSERT || operation == FREIGHT_OPERATION_UPSERT) &&
         freight_describe_field_is_required_on_insert (field);
}

/* The lookups through a parent's key fields: “Account via External_Id__c”. */
static void
add_relationships (GPtrArray            *choices,
                   FreightMapping       *mapping,
                   FreightDescribeField *lookup,
                   gboolean              required)
{
  const char * const *to = freight_describe_field_get_reference_to (lookup);
  const char *relationship = freight_describe_field_get_relationship_name (lookup);
  gboolean polymorphic = freight_describe_field_is_polymorphic (lookup);

  if (relationship == NULL || to == NULL)
    return;

  for (guint i = 0; to[i] != NULL; i++)
    {
      FreightDescribeObject *parent = freight_mapping_lookup_related_object (mapping, to[i]);
      guint n;

      if (parent == NULL)
        continue;

      n = freight_describe_object_get_n_fields (parent);
      for (guint j = 0; j < n; j++)
        {
          FreightDescribeField *key = freight_describe_object_get_field (parent, j);
          g_autofree char *path = NULL;
          g_autofree char *title = NULL;
          g_autofree char *type = NULL;

          if (!freight_describe_field_is_key (key) ||
              freight_describe_field_get_field_type (key) == FREIGHT_FIELD_TYPE_ID)
            continue;

          if (polymorphic)
            {
              path = g_strdup_printf ("%s:%s.%s", to[i], relationship,
                                      freight_describe_field_get_name (key));
              /* Translators: a polymorphic lookup, the object, the parent's key field:
               * “Name (Contact) via Email”. */
              title = g_strdup_printf (_("%s (%s) via %s"),
                                       freight_describe_field_get_label (lookup), to[i],
                                       freight_describe_field_get_name (key));
            }
          else
            {
              path = g_strdup_printf ("%s.%s", relationship, freight_describe_field_get_name (key));
              /* Translators: a lookup and the parent's key field it finds the parent by:
               * “Account via External_Id__c”. */
              title = g_strdup_printf (_("%s via %s"), freight_describe_field_get_label (lookup),
                                       freight_describe_field_get_name (key));
            }
          /* Translators: the type of a column that finds a parent record by its key. */
          type = g_strdup_printf (_("Lookup (%s)"), to[i]);
          g_ptr_array_add (choices, choice_new (path, title, lookup, type, required, NULL));
        }
    }
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  FreightFieldChoice *x = *(FreightFieldChoice **) a;
  FreightFieldChoice *y = *(FreightFieldChoice **) b;

  /* What the operation can write first, then by title. */
  if ((x->reason == NULL) != (y->reason == NULL))
    return x->reason == NULL ? -1 : 1;
  return g_utf8_collate (x->title, y->title);
}

/**
 * freight_field_choice_list_new:
 * @mapping: a mapping with an object
 * @with_unmapped: whether the list starts with “Not Mapped”
 *
 * Returns: (transfer full): the #FreightFieldChoice list for the mapping's object and
 *   operation, with lookups through the parents whose describes the mapping has
 */
GListModel *
freight_field_choice_list_new (FreightMapping *mapping,
                               gboolean        with_unmapped)
{
  FreightDescribeObject *object = freight_mapping_get_object (mapping);
  FreightOperation operation = freight_mapping_get_operation (mapping);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = g_list_store_new (FREIGHT_TYPE_FIELD_CHOICE);
  guint n;

  if (with_unmapped)
    {
      g_autoptr(FreightFieldChoice) none = choice_new (NULL, _("Not Mapped"), NULL, NULL,
                                                       FALSE, NULL);

      g_list_store_append (store, none);
    }

  if (object == NULL)
    return G_LIST_MODEL (store);

  n = freight_describe_object_get_n_fields (object);
  for (guint i = 0; i < n; i++)
    {
      FreightDescribeField *field = freight_describe_object_get_field (object, i);
      const char *reason = freight_describe_field_get_not_writable_reason (field, operation);
      g_autofree char *type = _freight_field_type_label (field);
      gboolean required = is_required (field, operation);

      g_ptr_array_add (choices, choice_new (freight_describe_field_get_name (field),
                                            freight_describe_field_get_label (field),
                                            field, type, required, reason));
      if (reason == NULL &&
          freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_REFERENCE)
        add_relationships (choices, mapping, field, required);
    }

  g_ptr_array_sort (choices, compare_choices);
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                       choices->pdata, choices->len);
  return G_LIST_MODEL (store);
}

/**
 * freight_field_choice_list_lookup:
 * @choices: a list from freight_field_choice_list_new()
 * @mapping: the mapping it was made for
 * @path: a target path as a mapping entry has it
 *
 * Finds the choice for @path, also when an .sdl file names the lookup by its field
 * (`Account__c.External_Id__c` for `Account__r.External_Id__c`).
 *
 * Returns: (transfer none) (nullable): the choice
 */
FreightFieldChoice *
freight_field_choice_list_lookup (GListModel     *choices,
                                  FreightMapping *mapping,
                                  const char     *path)
{
  FreightDescribeObject *object = freight_mapping_get_object (mapping);
  g_autoptr(FreightSdlTarget) target = NULL;
  FreightDescribeField *lookup = NULL;
  const char *relationship;
  guint n = g_list_model_get_n_items (choices);

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFieldChoice) choice = g_list_model_get_item (choices, i);

      if (choice->path != NULL && g_ascii_strcasecmp (choice->path, path) == 0)
        return choice;
    }

  target = freight_sdl_target_parse (path, NULL);
  if (target == NULL || object == NULL ||
      freight_sdl_target_get_kind (target) != FREIGHT_SDL_TARGET_RELATIONSHIP)
    return NULL;

  relationship = freight_sdl_target_get_relationship (target);
  lookup = freight_describe_object_lookup_relationship (object, relationship);
  if (lookup == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFieldChoice) choice = g_list_model_get_item (choices, i);
      const char *dot = choice->path != NULL ? strrchr (choice->path, '.') : NULL;

      if (choice->field == lookup && dot != NULL &&
          g_ascii_strcasecmp (dot + 1, freight_sdl_target_get_id_field (target)) == 0)
        return choice;
    }

  return NULL;
}

const char *
freight_field_choice_get_path (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), NULL);

  return self->path;
}

const char *
freight_field_choice_get_title (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), NULL);

  return self->title;
}

const char *
freight_field_choice_get_subtitle (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), NULL);

  return self->subtitle;
}

const char *
freight_field_choice_get_type_label (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), NULL);

  return self->type_label;
}

gboolean
freight_field_choice_get_required (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), FALSE);

  return self->required;
}

/**
 * freight_field_choice_get_enabled:
 * @self: a choice
 *
 * Returns: whether the operation can write the choice's field
 */
gboolean
freight_field_choice_get_enabled (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), FALSE);

  return self->reason == NULL;
}

/**
 * freight_field_choice_get_reason:
 * @self: a choice
 *
 * Returns: (nullable): why the operation cannot write the field
 */
const char *
freight_field_choice_get_reason (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), NULL);

  return self->reason;
}

/**
 * freight_field_choice_get_field:
 * @self: a choice
 *
 * Returns: (transfer none) (nullable): the object's field the choice sets (the lookup,
 *   for a relationship)
 */
FreightDescribeField *
freight_field_choice_get_field (FreightFieldChoice *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), NULL);

  return self->field;
}

/**
 * freight_field_choice_matches:
 * @self: a choice
 * @folded: (nullable): a search term, casefolded
 *
 * Returns: whether the choice's title or path contains @folded
 */
gboolean
freight_field_choice_matches (FreightFieldChoice *self,
                              const char         *folded)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_CHOICE (self), FALSE);

  return folded == NULL || *folded == '\0' || strstr (self->folded, folded) != NULL;
}
