/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-ui-test"

#include "config.h"

#include "ui-notifications.h"

/* A notification server as the Desktop Notifications Specification describes it, just
 * enough for GLib's freedesktop backend of GNotification: Notify, CloseNotification,
 * GetCapabilities and GetServerInformation. Every notification is kept, in order. */

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' name='app_name' direction='in'/>"
  "      <arg type='u' name='replaces_id' direction='in'/>"
  "      <arg type='s' name='app_icon' direction='in'/>"
  "      <arg type='s' name='summary' direction='in'/>"
  "      <arg type='s' name='body' direction='in'/>"
  "      <arg type='as' name='actions' direction='in'/>"
  "      <arg type='a{sv}' name='hints' direction='in'/>"
  "      <arg type='i' name='expire_timeout' direction='in'/>"
  "      <arg type='u' name='id' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' name='id' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' name='capabilities' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' name='name' direction='out'/>"
  "      <arg type='s' name='vendor' direction='out'/>"
  "      <arg type='s' name='version' direction='out'/>"
  "      <arg type='s' name='spec_version' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'>"
  "      <arg type='u' name='id'/>"
  "      <arg type='u' name='reason'/>"
  "    </signal>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u' name='id'/>"
  "      <arg type='s' name='action_key'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

static GPtrArray *summaries;
static GPtrArray *bodies;

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (summaries, g_strdup (summary));
      g_ptr_array_add (bodies, g_strdup (body));
      g_test_message ("notification: %s: %s", summary, body);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", summaries->len));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *capabilities[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", capabilities));
    }
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "freight-ui-test",
                                                          "Freight", "1", "1.2"));
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static void
name_cb (GDBusConnection *connection,
         const char      *name,
         gpointer         user_data)
{
  *(int *) user_data = connection != NULL ? 1 : -1;
}

static void
lost_cb (GDBusConnection *connection,
         const char      *name,
         gpointer         user_data)
{
  *(int *) user_data = -1;
}

/**
 * ui_notifications_start:
 * @connection: the session bus
 *
 * Serves org.freedesktop.Notifications on @connection; returns once the name is owned.
 */
void
ui_notifications_start (GDBusConnection *connection)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int owned = 0;

  summaries = g_ptr_array_new_with_free_func (g_free);
  bodies = g_ptr_array_new_with_free_func (g_free);
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, name_cb, lost_cb, &owned, NULL);
  while (owned == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (owned, ==, 1);
}

/**
 * ui_notifications_get_n:
 *
 * Returns: how many notifications were shown
 */
guint
ui_notifications_get_n (void)
{
  return summaries != NULL ? summaries->len : 0;
}

const char *
ui_notifications_get_summary (guint i)
{
  g_assert_cmpuint (i, <, ui_notifications_get_n ());
  return g_ptr_array_index (summaries, i);
}

const char *
ui_notifications_get_body (guint i)
{
  g_assert_cmpuint (i, <, ui_notifications_get_n ());
  return g_ptr_array_index (bodies, i);
}
