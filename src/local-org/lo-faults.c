/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-faults"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lo-faults.h"

/* How often a fault fires: with a probability, or on the first `count` chances. */
typedef struct
{
  gboolean enabled;
  double   probability;
  gint64   count;          /* -1: use probability */
} Trigger;

struct _LoFaults
{
  GMutex   lock;
  GRand   *rand;
  guint    latency_min;
  guint    latency_max;
  guint    retry_after;
  gint64   token_expiry;
  Trigger  http[LO_N_ENDPOINTS][3];   /* 500, 503, 429 */
  Trigger  drop_upload;
  Trigger  drop_download;
  Trigger  lock_rows;
};

G_DEFINE_QUARK (lo-faults-error-quark, lo_faults_error)

static const char *endpoint_names[] = {
  "any", "create", "upload", "close", "status", "list", "delete", "results", "rest",
  "oauth",
};

static gboolean
parse_trigger (const char  *text,
               Trigger     *trigger,
               GError     **error)
{
  char *end = NULL;

  if (g_str_has_suffix (text, "x"))
    {
      gint64 n = g_ascii_strtoll (text, &end, 10);

      if (end == text || *end != 'x' || end[1] != '\0' || n < 0)
        goto bad;
      trigger->count = n;
      trigger->probability = 0;
    }
  else
    {
      double p = g_ascii_strtod (text, &end);

      if (end == text || *end != '\0' || p < 0 || p > 1)
        goto bad;
      trigger->count = -1;
      trigger->probability = p;
    }
  trigger->enabled = TRUE;
  return TRUE;

bad:
  g_set_error (error, LO_FAULTS_ERROR, LO_FAULTS_ERROR_PARSE,
               "“%s” is neither a probability between 0 and 1 nor a count like 3x", text);
  return FALSE;
}

static gboolean
parse_uint (const char  *text,
            guint       *out,
            GError     **error)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &v, error))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static gboolean
parse_rule (LoFaults    *self,
            const char  *rule,
            GError     **error)
{
  g_auto(GStrv) kv = g_strsplit (rule, "=", 2);
  g_autofree char *name = NULL;
  const char *at;
  const char *value;

  if (kv[0] == NULL || kv[1] == NULL)
    {
      g_set_error (error, LO_FAULTS_ERROR, LO_FAULTS_ERROR_PARSE,
                   "The fault “%s” has no value (write NAME=VALUE)", rule);
      return FALSE;
    }
  value = kv[1];
  at = strchr (kv[0], '@');
  name = at ? g_strndup (kv[0], at - kv[0]) : g_strdup (kv[0]);

  if (g_str_equal (name, "http500") || g_str_equal (name, "http503")
      || g_str_equal (name, "http429"))
    {
      int kind = g_str_equal (name, "http500") ? 0 : g_str_equal (name, "http503") ? 1 : 2;
      guint ep;

      for (ep = 0; ep < LO_N_ENDPOINTS; ep++)
        if (g_strcmp0 (at ? at + 1 : "any", endpoint_names[ep]) == 0)
          break;
      if (ep == LO_N_ENDPOINTS)
        {
          g_set_error (error, LO_FAULTS_ERROR, LO_FAULTS_ERROR_PARSE,
                       "Unknown endpoint class “%s” in “%s”", at + 1, rule);
          return FALSE;
        }
      return parse_trigger (value, &self->http[ep][kind], error);
    }
  if (at != NULL)
    goto unknown;
  if (g_str_equal (name, "latency"))
    {
      g_auto(GStrv) range = g_strsplit (value, "-", 2);

      if (!parse_uint (range[0], &self->latency_min, error))
        return FALSE;
      self->latency_max = self->latency_min;
      if (range[1] != NULL && !parse_uint (range[1], &self->latency_max, error))
        return FALSE;
      if (self->latency_max < self->latency_min)
        self->latency_max = self->latency_min;
      return TRUE;
    }
  if (g_str_equal (name, "retry-after"))
    return parse_uint (value, &self->retry_after, error);
  if (g_str_equal (name, "token-expiry"))
    {
      guint s;

      if (!parse_uint (value, &s, error))
        return FALSE;
      self->token_expiry = s;
      return TRUE;
    }
  if (g_str_equal (name, "drop-upload"))
    return parse_trigger (value, &self->drop_upload, error);
  if (g_str_equal (name, "drop-download"))
    return parse_trigger (value, &self->drop_download, error);
  if (g_str_equal (name, "lock-rows"))
    return parse_trigger (value, &self->lock_rows, error);

unknown:
  g_set_error (error, LO_FAULTS_ERROR, LO_FAULTS_ERROR_PARSE,
               "Unknown fault “%s” (see --help)", kv[0]);
  return FALSE;
}

/**
 * lo_faults_new:
 * @spec: (nullable): the --faults value; %NULL or "" for none
 *
 * Returns: the parsed faults; decisions are deterministic for a given @seed and request
 *   order.
 */
LoFaults *
lo_faults_new (const char  *spec,
               guint        seed,
               GError     **error)
{
  g_autoptr(LoFaults) self = g_new0 (LoFaults, 1);
  g_auto(GStrv) rules = NULL;

  g_mutex_init (&self->lock);
  self->rand = g_rand_new_with_seed (seed);
  self->retry_after = 1;
  self->token_expiry = -1;
  rules = g_strsplit (spec ? spec : "", ",", -1);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      g_strstrip (rules[i]);
      if (rules[i][0] != '\0' && !parse_rule (self, rules[i], error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
lo_faults_free (LoFaults *self)
{
  if (self == NULL)
    return;
  g_rand_free (self->rand);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Called with the lock held. */
static gboolean
fire (LoFaults *self,
      Trigger  *trigger)
{
  if (!trigger->enabled)
    return FALSE;
  if (trigger->count >= 0)
    {
      if (trigger->count == 0)
        return FALSE;
      trigger->count--;
      return TRUE;
    }
  return g_rand_double (self->rand) < trigger->probability;
}

static gboolean
fire_locked (LoFaults *self,
             Trigger  *trigger)
{
  gboolean fired;

  if (self == NULL || !trigger->enabled)
    return FALSE;
  g_mutex_lock (&self->lock);
  fired = fire (self, trigger);
  g_mutex_unlock (&self->lock);
  return fired;
}

guint
lo_faults_latency_ms (LoFaults *self)
{
  guint ms;

  if (self == NULL || self->latency_max == 0)
    return 0;
  g_mutex_lock (&self->lock);
  ms = self->latency_min == self->latency_max
       ? self->latency_min
       : (guint) g_rand_int_range (self->rand, self->latency_min, self->latency_max + 1);
  g_mutex_unlock (&self->lock);
  return ms;
}

LoFaultReply
lo_faults_reply (LoFaults   *self,
                 LoEndpoint  endpoint,
                 guint      *retry_after_s)
{
  static const LoFaultReply replies[] = { LO_FAULT_HTTP_500, LO_FAULT_HTTP_503,
                                          LO_FAULT_HTTP_429 };
  LoFaultReply reply = LO_FAULT_NONE;

  if (self == NULL)
    return LO_FAULT_NONE;
  g_mutex_lock (&self->lock);
  for (guint kind = 0; kind < 3 && reply == LO_FAULT_NONE; kind++)
    if (fire (self, &self->http[endpoint][kind])
        || (endpoint != LO_ENDPOINT_ANY && fire (self, &self->http[0][kind])))
      reply = replies[kind];
  if (retry_after_s != NULL)
    *retry_after_s = self->retry_after;
  g_mutex_unlock (&self->lock);
  return reply;
}

gboolean
lo_faults_drop_upload (LoFaults *self)
{
  return self != NULL && fire_locked (self, &self->drop_upload);
}

gboolean
lo_faults_drop_download (LoFaults *self)
{
  return self != NULL && fire_locked (self, &self->drop_download);
}

/* Returns: the fault's token lifetime in seconds, or -1 when the fault is off. */
gint64
lo_faults_token_expiry (LoFaults *self)
{
  return self != NULL ? self->token_expiry : -1;
}

gboolean
lo_faults_has_lock_rows (LoFaults *self)
{
  return self != NULL && self->lock_rows.enabled;
}

gboolean
lo_faults_lock_row (LoFaults *self)
{
  return self != NULL && fire_locked (self, &self->lock_rows);
}
