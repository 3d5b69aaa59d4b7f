/* od-initials.c — a member's initials on a coloured disc, cheap enough for every table row
 *
 * AdwAvatar lays its initials out again with its own font size on every set_text(), which a
 * table pays for each row it binds (200 per jump of a scroll in GTK 4.8). This widget uses
 * libadwaita's avatar style (the CSS node "avatar" with its colour classes, so light, dark and
 * high contrast match AdwAvatar) around one label whose font comes from the stylesheet, and
 * changes the label only when the letters change. It is hidden from screen readers: the row's
 * sentence already names the member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "od-initials.h"

#define N_COLORS 14

struct _OdInitials
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  char      *text;
  guint      color;
};

G_DEFINE_FINAL_TYPE (OdInitials, od_initials, GTK_TYPE_WIDGET)

/* The first letter of the first and of the last word, upper case: "Ana María López" → "AL" */
static char *
initials_of (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name != NULL ? name : "", " \t\n", -1);
  const char *first = NULL, *last = NULL;
  GString *text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && g_utf8_validate (words[i], -1, NULL))
      {
        if (first == NULL)
          first = words[i];
        else
          last = words[i];
      }

  if (first != NULL)
    g_string_append_unichar (text, g_unichar_toupper (g_utf8_get_char (first)));
  if (last != NULL)
    g_string_append_unichar (text, g_unichar_toupper (g_utf8_get_char (last)));

  return g_string_free (text, FALSE);
}

static void
od_initials_dispose (GObject *object)
{
  OdInitials *self = OD_INITIALS (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (od_initials_parent_class)->dispose (object);
}

static void
od_initials_finalize (GObject *object)
{
  OdInitials *self = OD_INITIALS (object);

  g_free (self->text);

  G_OBJECT_CLASS (od_initials_parent_class)->finalize (object);
}

static void
od_initials_class_init (OdInitialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_initials_dispose;
  object_class->finalize = od_initials_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "avatar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
od_initials_init (OdInitials *self)
{
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "od-initials");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

GtkWidget *
od_initials_new (int size)
{
  GtkWidget *self = g_object_new (OD_TYPE_INITIALS, NULL);

  gtk_widget_set_size_request (self, size, size);
  return self;
}

void
od_initials_set_name (OdInitials *self,
                      const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *old_class = NULL;
  g_autofree char *new_class = NULL;
  guint color;

  g_return_if_fail (OD_IS_INITIALS (self));

  text = initials_of (name);
  /* The same colour for the same name, as AdwAvatar picks it */
  color = name != NULL && *name != '\0' ? g_str_hash (name) % N_COLORS + 1 : N_COLORS;

  if (g_strcmp0 (text, self->text) != 0)
    {
      gtk_label_set_text (GTK_LABEL (self->label), text);
      g_free (self->text);
      self->text = g_steal_pointer (&text);
    }

  if (color != self->color)
    {
      if (self->color != 0)
        {
          old_class = g_strdup_printf ("color%u", self->color);
          gtk_widget_remove_css_class (GTK_WIDGET (self), old_class);
        }
      new_class = g_strdup_printf ("color%u", color);
      gtk_widget_add_css_class (GTK_WIDGET (self), new_class);
      self->color = color;
    }
}

const char *
od_initials_get_text (OdInitials *self)
{
  g_return_val_if_fail (OD_IS_INITIALS (self), NULL);

  return self->text != NULL ? self->text : "";
}

guint
od_initials_get_color (OdInitials *self)
{
  g_return_val_if_fail (OD_IS_INITIALS (self), 0);

  return self->color;
}
