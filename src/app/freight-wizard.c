/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-wizard-private.h"

/*
 * FreightWizard: the load the wizard's pages build together, as state the pages bind to.
 * It holds the org session, the operation, the chosen object with its describe (and the
 * describes of the objects its lookups point to), the external ID field, the CSV file with
 * its dialect and row index, the mapping, and the pre-flight result. Everything it loads
 * goes through the core's async API; it never blocks the main loop.
 *
 * Pages change it through the setters and watch its properties; the window watches
 * FreightWizard::start, emitted once everything a load needs is there.
 */

GParamSpec *_freight_wizard_properties[FREIGHT_WIZARD_N_PROPS];
#define properties _freight_wizard_properties

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FreightWizard, freight_wizard, G_TYPE_OBJECT)

static FreightCsvDialect *
dialect_copy (const FreightCsvDialect *dialect)
{
  return g_memdup2 (dialect, sizeof *dialect);
}

G_DEFINE_BOXED_TYPE (FreightCsvDialect, _freight_csv_dialect, dialect_copy, g_free)

void
_freight_wizard_notify (FreightWizard *self,
                        guint          prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
_freight_wizard_set_string (char       **field,
                            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* The one place that decides whether the load is complete. */
void
_freight_wizard_update_ready (FreightWizard *self)
{
  gboolean ready;

  ready = self->session != NULL &&
          self->object != NULL &&
          self->file != NULL &&
          self->columns != NULL &&
          freight_mapping_is_ready (self->mapping) &&
          self->preflight_result != NULL;

  if (ready != self->ready)
    {
      self->ready = ready;
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_READY);
    }
}

static void
mapping_changed_cb (FreightWizard  *self,
                    FreightMapping *mapping)
{
  /* Pre-flight checked the mapping as it was; its result says nothing about a new one. */
  _freight_wizard_clear_preflight (self);
  _freight_wizard_update_ready (self);
}

/* GObject */

static void
freight_wizard_dispose (GObject *object)
{
  FreightWizard *self = FREIGHT_WIZARD (object);

  g_cancellable_cancel (self->objects_cancellable);
  g_cancellable_cancel (self->object_cancellable);
  _freight_wizard_file_dispose (self);
  _freight_wizard_preflight_dispose (self);
  _freight_wizard_load_dispose (self);

  g_clear_object (&self->objects_cancellable);
  g_clear_object (&self->object_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->object);
  g_clear_object (&self->mapping);

  G_OBJECT_CLASS (freight_wizard_parent_class)->dispose (object);
}

static void
freight_wizard_finalize (GObject *object)
{
  FreightWizard *self = FREIGHT_WIZARD (object);

  g_clear_object (&self->objects);
  g_clear_object (&self->key_fields);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->objects_error, g_free);
  g_clear_pointer (&self->object_name, g_free);
  g_clear_pointer (&self->object_error, g_free);
  g_clear_pointer (&self->external_id_field, g_free);

  G_OBJECT_CLASS (freight_wizard_parent_class)->finalize (object);
}

static void
freight_wizard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FreightWizard *self = FREIGHT_WIZARD (object);

  switch (prop_id)
    {
    case FREIGHT_WIZARD_PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case FREIGHT_WIZARD_PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;

    case FREIGHT_WIZARD_PROP_OBJECTS_LOADING:
      g_value_set_boolean (value, self->objects_loading);
      break;

    case FREIGHT_WIZARD_PROP_OBJECTS_ERROR:
      g_value_set_string (value, self->objects_error);
      break;

    case FREIGHT_WIZARD_PROP_OPERATION:
      g_value_set_enum (value, self->operation);
      break;

    case FREIGHT_WIZARD_PROP_OBJECT_NAME:
      g_value_set_string (value, self->object_name);
      break;

    case FREIGHT_WIZARD_PROP_OBJECT:
      g_value_set_object (value, self->object);
      break;

    case FREIGHT_WIZARD_PROP_OBJECT_LOADING:
      g_value_set_boolean (value, self->object_loading);
      break;

    case FREIGHT_WIZARD_PROP_OBJECT_ERROR:
      g_value_set_string (value, self->object_error);
      break;

    case FREIGHT_WIZARD_PROP_RELATED_LOADING:
      g_value_set_uint (value, self->related_loading);
      break;

    case FREIGHT_WIZARD_PROP_EXTERNAL_ID_FIELD:
      g_value_set_string (value, self->external_id_field);
      break;

    case FREIGHT_WIZARD_PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case FREIGHT_WIZARD_PROP_FILE_SIZE:
      g_value_set_uint64 (value, self->file_size);
      break;

    case FREIGHT_WIZARD_PROP_DIALECT:
      g_value_set_boxed (value, self->dialect_known ? &self->dialect : NULL);
      break;

    case FREIGHT_WIZARD_PROP_DIALECT_OVERRIDDEN:
      g_value_set_boolean (value, self->dialect_overridden);
      break;

    case FREIGHT_WIZARD_PROP_INDEX:
      g_value_set_object (value, self->index);
      break;

    case FREIGHT_WIZARD_PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;

    case FREIGHT_WIZARD_PROP_N_ROWS:
      g_value_set_uint64 (value, freight_wizard_get_n_rows (self));
      break;

    case FREIGHT_WIZARD_PROP_ROWS_COUNTED:
      g_value_set_boolean (value, freight_wizard_get_rows_counted (self));
      break;

    case FREIGHT_WIZARD_PROP_PREFLIGHT:
      g_value_set_object (value, self->preflight);
      break;

    case FREIGHT_WIZARD_PROP_PREFLIGHT_RESULT:
      g_value_set_object (value, self->preflight_result);
      break;

    case FREIGHT_WIZARD_PROP_PREFLIGHT_ERROR:
      g_value_set_string (value, self->preflight_error);
      break;

    case FREIGHT_WIZARD_PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case FREIGHT_WIZARD_PROP_LOAD:
      g_value_set_object (value, self->load);
      break;

    case FREIGHT_WIZARD_PROP_LOAD_RUNNING:
      g_value_set_boolean (value, self->load_running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_wizard_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FreightWizard *self = FREIGHT_WIZARD (object);

  switch (prop_id)
    {
    case FREIGHT_WIZARD_PROP_SESSION:
      freight_wizard_set_session (self, g_value_get_object (value));
      break;

    case FREIGHT_WIZARD_PROP_OPERATION:
      freight_wizard_set_operation (self, g_value_get_enum (value));
      break;

    case FREIGHT_WIZARD_PROP_OBJECT_NAME:
      freight_wizard_set_object_name (self, g_value_get_string (value));
      break;

    case FREIGHT_WIZARD_PROP_EXTERNAL_ID_FIELD:
      freight_wizard_set_external_id_field (self, g_value_get_string (value));
      break;

    case FREIGHT_WIZARD_PROP_FILE:
      freight_wizard_set_file (self, g_value_get_object (value));
      break;

    case FREIGHT_WIZARD_PROP_DIALECT:
      freight_wizard_set_dialect (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_wizard_class_init (FreightWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = freight_wizard_dispose;
  object_class->finalize = freight_wizard_finalize;
  object_class->get_property = freight_wizard_get_property;
  object_class->set_property = freight_wizard_set_property;

  /* The signed-in org; setting it starts over with its object list. */
  properties[FREIGHT_WIZARD_PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FREIGHT_TYPE_ORG_SESSION, rw);
  /* The org's name for display, from the session's identity. */
  properties[FREIGHT_WIZARD_PROP_ORG_NAME] =
    g_param_spec_string ("org-name", NULL, NULL, NULL, ro);
  properties[FREIGHT_WIZARD_PROP_OBJECTS_LOADING] =
    g_param_spec_boolean ("objects-loading", NULL, NULL, FALSE, ro);
  /* Why the object list could not be loaded, for the user. */
  properties[FREIGHT_WIZARD_PROP_OBJECTS_ERROR] =
    g_param_spec_string ("objects-error", NULL, NULL, NULL, ro);
  properties[FREIGHT_WIZARD_PROP_OPERATION] =
    g_param_spec_enum ("operation", NULL, NULL, FREIGHT_TYPE_OPERATION,
                       FREIGHT_OPERATION_INSERT, rw);
  /* The chosen object's API name; its describe follows in FreightWizard:object. */
  properties[FREIGHT_WIZARD_PROP_OBJECT_NAME] =
    g_param_spec_string ("object-name", NULL, NULL, NULL, rw);
  properties[FREIGHT_WIZARD_PROP_OBJECT] =
    g_param_spec_object ("object", NULL, NULL, FREIGHT_TYPE_DESCRIBE_OBJECT, ro);
  properties[FREIGHT_WIZARD_PROP_OBJECT_LOADING] =
    g_param_spec_boolean ("object-loading", NULL, NULL, FALSE, ro);
  properties[FREIGHT_WIZARD_PROP_OBJECT_ERROR] =
    g_param_spec_string ("object-error", NULL, NULL, NULL, ro);
  /* How many describes of objects that lookups point to are still on their way. */
  properties[FREIGHT_WIZARD_PROP_RELATED_LOADING] =
    g_param_spec_uint ("related-loading", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* The field an upsert matches records by. */
  properties[FREIGHT_WIZARD_PROP_EXTERNAL_ID_FIELD] =
    g_param_spec_string ("external-id-field", NULL, NULL, NULL, rw);
  properties[FREIGHT_WIZARD_PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, rw);
  properties[FREIGHT_WIZARD_PROP_FILE_SIZE] =
    g_param_spec_uint64 ("file-size", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  /* The file's dialect, sniffed or chosen; NULL until known. */
  properties[FREIGHT_WIZARD_PROP_DIALECT] =
    g_param_spec_boxed ("dialect", NULL, NULL, FREIGHT_TYPE_CSV_DIALECT, rw);
  /* Whether the dialect was chosen by the user rather than sniffed. */
  properties[FREIGHT_WIZARD_PROP_DIALECT_OVERRIDDEN] =
    g_param_spec_boolean ("dialect-overridden", NULL, NULL, FALSE, ro);
  /* The file's rows as a GListModel of FreightCsvRecord, growing while counted. */
  properties[FREIGHT_WIZARD_PROP_INDEX] =
    g_param_spec_object ("index", NULL, NULL, FREIGHT_TYPE_CSV_INDEX, ro);
  /* The file's header, once read. */
  properties[FREIGHT_WIZARD_PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL, G_TYPE_STRV, ro);
  properties[FREIGHT_WIZARD_PROP_N_ROWS] =
    g_param_spec_uint64 ("n-rows", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  /* Whether FreightWizard:n-rows is the final count. */
  properties[FREIGHT_WIZARD_PROP_ROWS_COUNTED] =
    g_param_spec_boolean ("rows-counted", NULL, NULL, FALSE, ro);
  /* The running pre-flight check, if one runs. */
  properties[FREIGHT_WIZARD_PROP_PREFLIGHT] =
    g_param_spec_object ("preflight", NULL, NULL, FREIGHT_TYPE_PREFLIGHT, ro);
  /* The result of the last pre-flight check of the current file and mapping. */
  properties[FREIGHT_WIZARD_PROP_PREFLIGHT_RESULT] =
    g_param_spec_object ("preflight-result", NULL, NULL, FREIGHT_TYPE_PREFLIGHT_RESULT, ro);
  properties[FREIGHT_WIZARD_PROP_PREFLIGHT_ERROR] =
    g_param_spec_string ("preflight-error", NULL, NULL, NULL, ro);
  /* Whether the load is complete: org, object, file, a mapping without errors, checked. */
  properties[FREIGHT_WIZARD_PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE, ro);
  /* The load started by freight_wizard_start(), running or ended. */
  properties[FREIGHT_WIZARD_PROP_LOAD] =
    g_param_spec_object ("load", NULL, NULL, FREIGHT_TYPE_LOAD, ro);
  properties[FREIGHT_WIZARD_PROP_LOAD_RUNNING] =
    g_param_spec_boolean ("load-running", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, FREIGHT_WIZARD_N_PROPS, properties);

  /**
   * FreightWizard::start:
   *
   * The user asked to start the load the wizard describes (and confirmed it, for a
   * delete). Whoever runs loads takes it from here.
   */
  signals[START] =
    g_signal_new ("start",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  _freight_wizard_load_class_init (object_class);
}

static void
freight_wizard_init (FreightWizard *self)
{
  self->objects = g_list_store_new (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY);
  self->key_fields = g_list_store_new (FREIGHT_TYPE_DESCRIBE_FIELD);
  self->objects_cancellable = g_cancellable_new ();
  self->object_cancellable = g_cancellable_new ();
  self->file_cancellable = g_cancellable_new ();
  self->mapping = freight_mapping_new ();
  g_signal_connect_object (self->mapping, "changed", G_CALLBACK (mapping_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * freight_wizard_new:
 *
 * Returns: (transfer full): an empty wizard state: no org, an insert, no object, no file
 */
FreightWizard *
freight_wizard_new (void)
{
  return g_object_new (FREIGHT_TYPE_WIZARD, NULL);
}

FreightOrgSession *
freight_wizard_get_session (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->session;
}

static void
read_identity (FreightWizard *self)
{
  g_autoptr(JsonObject) identity = NULL;
  g_autofree char *instance = NULL;
  g_autofree char *org_id = NULL;
  const char *org_name = NULL;
  const char *user_name = NULL;

  if (self->session != NULL)
    {
      identity = freight_org_session_dup_identity (self->session);
      instance = freight_org_session_dup_instance_url (self->session);
      org_id = freight_org_session_dup_org_id (self->session);
    }
  if (identity != NULL)
    {
      org_name = json_object_get_string_member_with_default (identity, "organization_name",
                                                             NULL);
      user_name = json_object_get_string_member_with_default (identity, "preferred_username",
                                                              NULL);
      if (user_name == NULL)
        user_name = json_object_get_string_member_with_default (identity, "username", NULL);
    }
  if (org_name == NULL || *org_name == '\0')
    {
      g_autoptr(GUri) uri = instance != NULL ? g_uri_parse (instance, G_URI_FLAGS_NONE, NULL)
                                             : NULL;

      org_name = uri != NULL ? g_uri_get_host (uri) : instance;
      if (_freight_wizard_set_string (&self->org_name, org_name))
        _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_ORG_NAME);
    }
  else if (_freight_wizard_set_string (&self->org_name, org_name))
    _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_ORG_NAME);

  _freight_wizard_set_string (&self->user_name, user_name);
  _freight_wizard_set_string (&self->org_id, org_id);
}

/**
 * freight_wizard_set_session:
 * @self: a #FreightWizard
 * @session: (nullable): a connected session (freight_org_session_connect() done)
 *
 * Starts over in another org: the object and mapping go, the file stays. The org's
 * object list starts loading.
 */
void
freight_wizard_set_session (FreightWizard     *self,
                            FreightOrgSession *session)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (session == NULL || FREIGHT_IS_ORG_SESSION (session));

  if (self->session == session)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  g_set_object (&self->session, session);
  freight_wizard_set_object_name (self, NULL);
  _freight_wizard_clear_objects (self);
  read_identity (self);
  if (session != NULL)
    freight_wizard_reload_objects (self);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_SESSION);
  _freight_wizard_update_ready (self);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
freight_wizard_get_org_name (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->org_name;
}

/**
 * freight_wizard_get_org_id:
 * @self: a #FreightWizard
 *
 * Returns: (nullable): the org's id, which mappings are remembered by
 */
const char *
freight_wizard_get_org_id (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->org_id;
}

const char *
freight_wizard_get_user_name (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->user_name;
}

/**
 * freight_wizard_get_mapping:
 * @self: a #FreightWizard
 *
 * The wizard keeps the mapping's object, operation, external ID field and source
 * columns in step with its own.
 *
 * Returns: (transfer none): the mapping, the same object for the wizard's life
 */
FreightMapping *
freight_wizard_get_mapping (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->mapping;
}

/**
 * freight_wizard_get_ready:
 * @self: a #FreightWizard
 *
 * Returns: whether the load is complete: an org, an object, a file, a mapping without
 *   errors, and a pre-flight result for them
 */
gboolean
freight_wizard_get_ready (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);

  return self->ready;
}

/**
 * freight_wizard_get_n_rows_to_load:
 * @self: a #FreightWizard
 *
 * Returns: the rows the load will send: those pre-flight read less those it excludes,
 *   or the rows counted so far before pre-flight ran
 */
guint64
freight_wizard_get_n_rows_to_load (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), 0);

  if (self->preflight_result != NULL)
    return freight_preflight_result_get_n_rows (self->preflight_result) -
           freight_preflight_result_get_n_excluded (self->preflight_result);

  return freight_wizard_get_n_rows (self);
}

/**
 * freight_wizard_start:
 * @self: a #FreightWizard that is ready
 *
 * Starts the load the wizard describes on the core's #FreightLoad (see
 * freight-wizard-load.c) and emits FreightWizard::start. Should the load not start, its
 * error is in freight_wizard_get_load_error() and FreightWizard::load-finished follows.
 */
void
freight_wizard_start (FreightWizard *self)
{
  gboolean started;

  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (self->ready);
  g_return_if_fail (!self->load_running);

  started = _freight_wizard_start_load (self);
  g_signal_emit (self, signals[START], 0);
  if (!started)
    g_signal_emit_by_name (self, "load-finished");
}
