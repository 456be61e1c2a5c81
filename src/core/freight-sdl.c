/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sdl"

#include "config.h"

#include <string.h>

#include "freight-sdl-private.h"

/*
 * Salesforce Data Loader `.sdl` mapping files, as Data Loader itself reads and writes them
 * (forcedotcom/dataloader: mapping/Mapper.java, LoadMapper.java, SOQLMapper.java,
 * dyna/ParentIdLookupFieldFormatter.java, the .sdl files under src/test/resources and
 * src/main/resources/samples; the Data Loader guide's "Map Columns" page).
 *
 * - The file is a java.util.Properties file (see FreightProperties), loaded with
 *   Properties.load(InputStream), so ISO-8859-1, and saved with
 *   Properties.store(OutputStream, "Mapping values"), so ASCII with `\uXXXX` escapes,
 *   `#Mapping values` and a `#<date>` comment first, entries in hash-table order.
 *   Order does not matter to Data Loader; of two equal keys it keeps the last.
 *
 * - Load (insert, update, upsert, delete): the key is the source, the value the
 *   destination. A key in double quotes (`"Aerospace"=Industry`) is a constant, taken
 *   verbatim between the quotes; any other key is a comma-separated list of CSV columns,
 *   each trimmed and matched case-insensitively (Spring's LinkedCaseInsensitiveMap). A
 *   space inside a key must be escaped (`Account\ Name=Name`, `"Some\ Description"=…`):
 *   an unescaped one ends the key.
 *
 * - The value is a comma-separated list of fields (`State=BillingState, ShippingState`),
 *   split with java.util.StringTokenizer, so empty items (`a,,b`, a trailing comma) are
 *   skipped, and each item trimmed. A blank value means the column is not mapped; Data
 *   Loader writes `COLUMN=` for CSV columns the user left unmapped.
 *
 * - Several columns to one field (`Street1,Street2=BillingStreet`): for each row Data
 *   Loader joins the columns' values in the key's order with ", " (comma and space), but
 *   only when every destination field is a string or textarea field; otherwise only the
 *   first column is used.
 *
 * - When a constant and a column write the same field, the constant wins.
 *
 * - Relationship targets: `Relationship:IdLookupField` (old style, e.g.
 *   `Parent:Oracle_Id__c`, `Owner:Username`) and `Relationship:ObjectType-IdLookupField`
 *   (new style, e.g. `Parent:Account-Oracle_Id__c`, `Who:Contact-Email`), which names the
 *   parent object and is what Data Loader writes itself; it is needed for polymorphic
 *   lookups. In a file the `:` is written `\:` by Properties.store, as in
 *   `PARENT=Parent\:Account-Oracle_Id__c`. For the Bulk API Data Loader turns them into
 *   `Relationship.IdLookupField`, or `ObjectType:Relationship.IdLookupField` when the
 *   lookup is polymorphic.
 *
 * - Extract (export): the key is a SOQL field path (`Account.Name`, `Owner.Id`) or a
 *   quoted constant, the value the CSV column it is written to
 *   (`Id=account_number`, `"2024"=Year`).
 */

G_DEFINE_QUARK (freight-sdl-error-quark, freight_sdl_error)

/* Java's String.trim() blank: every character up to U+0020. */
gboolean
_freight_sdl_is_blank (char c)
{
  return (guchar) c <= 0x20;
}

/* Data Loader trims columns and fields with String.trim(); so does Freight. */
char *
_freight_sdl_strip (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (start < end && _freight_sdl_is_blank (*start))
    start++;
  while (end > start && _freight_sdl_is_blank (end[-1]))
    end--;

  return g_strndup (start, end - start);
}
