/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The local org's schema, loaded from data/local-org/schema.json.
 *
 * Storage convention shared by the record store and the SOQL compiler: each object is a
 * SQLite table named exactly as the object ("Account", "Invoice__c"), with one column per
 * stored field named exactly as the field. Compound fields (address, location) are not
 * stored; their components are. Values are stored as:
 *   TEXT     id, reference, string, textarea, picklist, multipicklist, combobox, email,
 *            phone, url, encryptedstring, base64, time ("HH:MM:SS.sssZ"),
 *            date ("YYYY-MM-DD"), datetime (UTC, "YYYY-MM-DDTHH:MM:SS.sssZ")
 *   INTEGER  boolean (0/1), int
 *   REAL     double, currency, percent
 *   NULL     a blank value
 * so that SQL comparisons on dates and datetimes order like the values they stand for.
 * Every table has "Id" TEXT PRIMARY KEY (18-character ids) and "IsDeleted" INTEGER, even
 * where describe does not list IsDeleted.
 */

#define LO_SCHEMA_ERROR (lo_schema_error_quark ())

typedef enum
{
  LO_SCHEMA_ERROR_INVALID,
} LoSchemaError;

typedef enum
{
  LO_FIELD_ID,
  LO_FIELD_REFERENCE,
  LO_FIELD_STRING,
  LO_FIELD_TEXTAREA,
  LO_FIELD_PICKLIST,
  LO_FIELD_MULTIPICKLIST,
  LO_FIELD_COMBOBOX,
  LO_FIELD_EMAIL,
  LO_FIELD_PHONE,
  LO_FIELD_URL,
  LO_FIELD_ENCRYPTEDSTRING,
  LO_FIELD_BASE64,
  LO_FIELD_BOOLEAN,
  LO_FIELD_INT,
  LO_FIELD_DOUBLE,
  LO_FIELD_CURRENCY,
  LO_FIELD_PERCENT,
  LO_FIELD_DATE,
  LO_FIELD_DATETIME,
  LO_FIELD_TIME,
  LO_FIELD_ADDRESS,
  LO_FIELD_LOCATION,
} LoFieldType;

typedef enum
{
  LO_STORAGE_NONE,     /* compound: not stored */
  LO_STORAGE_TEXT,
  LO_STORAGE_INTEGER,
  LO_STORAGE_REAL,
} LoStorage;

typedef struct _LoObject LoObject;

typedef struct
{
  char      *value;
  char      *label;
  gboolean   active;
  gboolean   default_value;
} LoPicklistValue;

typedef struct
{
  LoObject    *object;              /* the object this field belongs to (not owned) */
  char        *name;
  char        *label;
  LoFieldType  type;
  const char  *type_name;           /* "string", "reference", … as describe writes it */
  LoStorage    storage;
  guint        length;              /* characters, for text types */
  guint        precision;
  guint        scale;
  guint        digits;
  gboolean     nillable;
  gboolean     createable;
  gboolean     updateable;
  gboolean     defaulted_on_create;
  gboolean     external_id;
  gboolean     id_lookup;
  gboolean     unique;
  gboolean     case_sensitive;
  gboolean     auto_number;
  gboolean     calculated;
  gboolean     name_field;
  gboolean     custom;
  gboolean     polymorphic;
  gboolean     restricted_picklist;
  char       **reference_to;        /* NULL-terminated object names, empty if none */
  char        *relationship_name;   /* "Account", "Account__r", NULL */
  GPtrArray   *picklist_values;     /* of LoPicklistValue */
  char        *read_only_reason;    /* "x-readOnlyReason": FLS read-only for the demo user */
  char        *auto_number_format;  /* "x-autoNumberFormat", e.g. "INV-{000000}" */
  JsonObject  *describe;            /* the field as schema.json gives it (owned ref) */
} LoField;

struct _LoObject
{
  char        *name;
  char        *label;
  char        *label_plural;
  char        *key_prefix;          /* "001" */
  gboolean     custom;
  gboolean     createable;
  gboolean     updateable;
  gboolean     deletable;
  gboolean     queryable;
  GPtrArray   *fields;              /* of LoField, in describe order */
  GHashTable  *fields_by_name;      /* lower-case name -> LoField */
  GHashTable  *relationships;       /* lower-case relationship name -> LoField */
  JsonObject  *describe;            /* object-level attributes as schema.json gives them */
};

typedef struct
{
  char        *id;                  /* 18-character Salesforce id */
  char        *username;
  char        *password;
  char        *first_name;
  char        *last_name;
  char        *email;
  char        *alias;
  char        *time_zone;
  char        *locale;
  char        *language;
  gboolean     hard_delete_permission;
} LoUser;

typedef enum
{
  LO_RULE_LESS,
  LO_RULE_LESS_EQUAL,
  LO_RULE_GREATER,
  LO_RULE_GREATER_EQUAL,
  LO_RULE_EQUAL,
  LO_RULE_NOT_EQUAL,
} LoRuleOp;

/* A validation rule: the record fails when `field OP other_field` (or `field OP value`)
 * holds and both sides are not blank. */
typedef struct
{
  LoObject    *object;
  char        *name;
  char        *description;
  LoField     *field;
  LoRuleOp     op;
  LoField     *other_field;         /* NULL when comparing with value */
  char        *value;
  char        *error_message;
  LoField     *error_field;         /* NULL: the error is not attached to a field */
} LoValidationRule;

typedef struct
{
  volatile int ref_count;
  char        *org_id;              /* 18-character */
  char        *org_name;
  char        *instance_name;
  gboolean     is_sandbox;
  char        *organization_type;
  GPtrArray   *objects;             /* of LoObject, in schema order */
  GHashTable  *objects_by_name;     /* lower-case name -> LoObject */
  GHashTable  *objects_by_prefix;   /* key prefix -> LoObject */
  GPtrArray   *users;               /* of LoUser */
  GPtrArray   *validation_rules;    /* of LoValidationRule */
} LoSchema;

GQuark      lo_schema_error_quark             (void);
LoSchema   *lo_schema_load                    (const char   *path,
                                               GError      **error);
LoSchema   *lo_schema_load_from_data          (const char   *data,
                                               gssize        length,
                                               const char   *file_name,
                                               GError      **error);
LoSchema   *lo_schema_ref                     (LoSchema     *self);
void        lo_schema_unref                   (LoSchema     *self);
LoObject   *lo_schema_lookup_object           (LoSchema     *self,
                                               const char   *name);
LoObject   *lo_schema_lookup_object_by_prefix (LoSchema     *self,
                                               const char   *key_prefix);
LoUser     *lo_schema_lookup_user             (LoSchema     *self,
                                               const char   *username);
LoField    *lo_object_lookup_field            (LoObject     *object,
                                               const char   *name);
LoField    *lo_object_lookup_relationship     (LoObject     *object,
                                               const char   *relationship_name);
GPtrArray  *lo_schema_get_rules_for_object    (LoSchema     *self,
                                               LoObject     *object);
gboolean    lo_field_is_text                  (const LoField *field);
gboolean    lo_field_is_numeric               (const LoField *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSchema, lo_schema_unref)

G_END_DECLS
