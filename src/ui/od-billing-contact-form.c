/* od-billing-contact-form.c — the billing contact as a form, with a message under each field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per field of OdBillingContact (an AdwEntryRow, or for the country an AdwActionRow with
 * a searchable GtkDropDown), each followed by a message row that is shown only when it has
 * something to say: the core's validation message for that field (in the error style), or a hint
 * (the postal code's shape in the chosen country, or that a region is required there). The
 * message is also the field's accessible description, and an error marks it invalid, so that a
 * screen reader reads it when the focus lands there. The form does not save anything itself: it
 * emits "save", and the page hands the result back with od_billing_contact_form_set_errors() or
 * od_billing_contact_form_set_contact().
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-billing-contact-form.h"
#include "od-country.h"
#include "od-window.h"
#include "od-ui-util.h"

struct _OdBillingContactForm
{
  AdwPreferencesGroup  parent_instance;

  GtkButton           *save_button;

  GtkWidget           *rows[OD_BILLING_CONTACT_N_FIELDS];
  GtkWidget           *message_rows[OD_BILLING_CONTACT_N_FIELDS];
  GtkLabel            *message_labels[OD_BILLING_CONTACT_N_FIELDS];
  char                *errors[OD_BILLING_CONTACT_N_FIELDS];
  GtkDropDown         *country_dropdown;
  GPtrArray           *country_codes;   /* position in the drop-down → code ("" first) */

  OdBillingContact    *contact;         /* what the form was filled with */

  guint                filling : 1;
  guint                dirty : 1;
  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (OdBillingContactForm, od_billing_contact_form, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_DIRTY,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_SAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
country_code (OdBillingContactForm *self)
{
  guint position = gtk_drop_down_get_selected (self->country_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->country_codes->len)
    return "";

  return g_ptr_array_index (self->country_codes, position);
}

/* The widget a screen reader focuses for a field: an entry row's text, or the drop-down */
static GtkWidget *
accessible_field (OdBillingContactForm  *self,
                  OdBillingContactField  field)
{
  if (field == OD_BILLING_CONTACT_COUNTRY)
    return GTK_WIDGET (self->country_dropdown);

  return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->rows[field])));
}

/* A hint for a field in the chosen country, or NULL */
static char *
field_hint (OdBillingContactForm  *self,
            OdBillingContactField  field)
{
  const char *code = country_code (self);
  const OdCountry *country = *code != '\0' ? od_country_lookup (code) : NULL;

  if (country == NULL)
    return NULL;

  if (field == OD_BILLING_CONTACT_REGION && od_billing_contact_region_required (code))
    /* Translators: a hint under the state/region field; %s is a country */
    return g_strdup_printf (_("Required for addresses in %s."), od_country_get_display_name (country));

  if (field == OD_BILLING_CONTACT_POSTAL_CODE)
    {
      const char *example = od_billing_contact_postal_code_example (code);

      if (!od_billing_contact_postal_code_required (code))
        /* Translators: a hint under the postal code field; %s is a country */
        return g_strdup_printf (_("Optional: %s uses no postal codes."), od_country_get_display_name (country));
      if (example != NULL)
        /* Translators: a hint under the postal code field, e.g. "For example, 12345 or 12345-6789." */
        return g_strdup_printf (_("For example, %s."), example);
    }

  return NULL;
}

/* Shows the field's error, else its hint, else nothing, under it and to screen readers */
static void
update_message (OdBillingContactForm  *self,
                OdBillingContactField  field)
{
  g_autofree char *hint = NULL;
  const char *error = self->errors[field];
  const char *message;
  GtkWidget *widget = accessible_field (self, field);
  GtkWidget *label = GTK_WIDGET (self->message_labels[field]);

  if (error == NULL)
    hint = field_hint (self, field);
  message = error != NULL ? error : hint;

  gtk_label_set_text (self->message_labels[field], message != NULL ? message : "");
  gtk_widget_set_visible (self->message_rows[field], message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_rows[field]),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                    -1);

  if (error != NULL)
    {
      gtk_widget_add_css_class (self->rows[field], "error");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->rows[field], "error");
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_save (OdBillingContactForm *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !self->busy);
}

static void
set_dirty (OdBillingContactForm *self,
           gboolean              dirty)
{
  dirty = !!dirty;
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
update_dirty (OdBillingContactForm *self)
{
  g_autoptr(OdBillingContact) now = od_billing_contact_form_dup_contact (self);
  g_autoptr(OdBillingContact) empty = NULL;
  const OdBillingContact *before = self->contact;

  if (before == NULL)
    before = empty = od_billing_contact_new ();

  set_dirty (self, !od_billing_contact_equal (now, before));
}

static void
field_changed_cb (GtkWidget            *row,
                  OdBillingContactForm *self)
{
  OdBillingContactField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "od-field"));

  if (self->filling)
    return;

  /* Once the person edits a field, the message about what it held no longer applies */
  g_clear_pointer (&self->errors[field], g_free);
  update_message (self, field);
  update_dirty (self);
}

static void
country_changed_cb (OdBillingContactForm *self)
{
  if (self->filling)
    return;

  g_clear_pointer (&self->errors[OD_BILLING_CONTACT_COUNTRY], g_free);
  update_message (self, OD_BILLING_CONTACT_COUNTRY);
  update_message (self, OD_BILLING_CONTACT_REGION);
  update_message (self, OD_BILLING_CONTACT_POSTAL_CODE);
  update_dirty (self);
}

static void
request_save (OdBillingContactForm *self)
{
  if (self->busy)
    return;

  g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

static void
save_clicked_cb (OdBillingContactForm *self)
{
  request_save (self);
}

static void
entry_activated_cb (OdBillingContactForm *self)
{
  request_save (self);
}

/* Drop-down items: one ellipsized line on the button, whole names in the list */
static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
item_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);

  return factory;
}

static GtkWidget *
country_row_new (OdBillingContactForm *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) button_factory = item_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = item_factory_new (FALSE);
  GtkExpression *expression;
  const OdCountry *countries;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown;
  guint n_countries = 0;

  self->country_codes = g_ptr_array_new ();
  gtk_string_list_append (names, _("Choose a country"));
  g_ptr_array_add (self->country_codes, (gpointer)"");

  countries = od_country_get_all (&n_countries);
  for (guint i = 0; i < n_countries; i++)
    {
      gtk_string_list_append (names, od_country_get_display_name (&countries[i]));
      g_ptr_array_add (self->country_codes, (gpointer)countries[i].code);
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  od_billing_contact_field_get_label (OD_BILLING_CONTACT_COUNTRY),
                                  -1);
  od_widget_name_drop_down_buttons (dropdown);
  self->country_dropdown = GTK_DROP_DOWN (dropdown);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (country_changed_cb),
                           self, G_CONNECT_SWAPPED);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 od_billing_contact_field_get_label (OD_BILLING_CONTACT_COUNTRY));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  /* Named "Country" by its label above, not by that and the row's title again */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  return row;
}

static GtkWidget *
entry_row_new (OdBillingContactForm  *self,
               OdBillingContactField  field)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), od_billing_contact_field_get_label (field));

  switch (field)
    {
    case OD_BILLING_CONTACT_EMAIL:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      break;
    case OD_BILLING_CONTACT_PHONE:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      break;
    case OD_BILLING_CONTACT_NAME:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NAME);
      break;
    case OD_BILLING_CONTACT_COUNTRY:
    case OD_BILLING_CONTACT_STREET:
    case OD_BILLING_CONTACT_CITY:
    case OD_BILLING_CONTACT_REGION:
    case OD_BILLING_CONTACT_POSTAL_CODE:
    case OD_BILLING_CONTACT_N_FIELDS:
    default:
      break;
    }

  g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb), self, 0);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb),
                           self, G_CONNECT_SWAPPED);

  return row;
}

/* A row under a field for its message; not focusable: the field's description carries it */
static GtkWidget *
message_row_new (OdBillingContactForm  *self,
                 OdBillingContactField  field)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);

  self->message_labels[field] = GTK_LABEL (label);

  return row;
}

static void
od_billing_contact_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_BILLING_CONTACT_FORM);

  G_OBJECT_CLASS (od_billing_contact_form_parent_class)->dispose (object);
}

static void
od_billing_contact_form_finalize (GObject *object)
{
  OdBillingContactForm *self = (OdBillingContactForm *)object;

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    g_clear_pointer (&self->errors[i], g_free);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->contact, od_billing_contact_free);

  G_OBJECT_CLASS (od_billing_contact_form_parent_class)->finalize (object);
}

static void
od_billing_contact_form_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OdBillingContactForm *self = OD_BILLING_CONTACT_FORM (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_billing_contact_form_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  OdBillingContactForm *self = OD_BILLING_CONTACT_FORM (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      od_billing_contact_form_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_billing_contact_form_class_init (OdBillingContactFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_billing_contact_form_dispose;
  object_class->finalize = od_billing_contact_form_finalize;
  object_class->get_property = od_billing_contact_form_get_property;
  object_class->set_property = od_billing_contact_form_set_property;

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-billing-contact-form.ui");
  gtk_widget_class_bind_template_child (widget_class, OdBillingContactForm, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
od_billing_contact_form_init (OdBillingContactForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    {
      GtkWidget *row = i == OD_BILLING_CONTACT_COUNTRY ? country_row_new (self) : entry_row_new (self, i);

      g_object_set_data (G_OBJECT (row), "od-field", GINT_TO_POINTER (i));
      self->rows[i] = row;
      self->message_rows[i] = message_row_new (self, i);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->message_rows[i]);
    }

  /* GTK 4.8 would read the button's label ("_Save") before its accessible label */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  update_save (self);
}

GtkWidget *
od_billing_contact_form_new (void)
{
  return g_object_new (OD_TYPE_BILLING_CONTACT_FORM, NULL);
}

void
od_billing_contact_form_set_contact (OdBillingContactForm   *self,
                                     const OdBillingContact *contact)
{
  const char *code;
  guint position = 0;

  g_return_if_fail (OD_IS_BILLING_CONTACT_FORM (self));

  g_clear_pointer (&self->contact, od_billing_contact_free);
  self->contact = contact != NULL ? od_billing_contact_copy (contact) : od_billing_contact_new ();

  self->filling = TRUE;

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    {
      g_clear_pointer (&self->errors[i], g_free);
      if (i != OD_BILLING_CONTACT_COUNTRY)
        gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), od_billing_contact_get (self->contact, i));
    }

  code = od_billing_contact_get (self->contact, OD_BILLING_CONTACT_COUNTRY);
  for (guint i = 1; i < self->country_codes->len && *code != '\0'; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->country_codes, i), code) == 0)
        {
          position = i;
          break;
        }
    }
  gtk_drop_down_set_selected (self->country_dropdown, position);

  self->filling = FALSE;

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    update_message (self, i);

  update_dirty (self);
}

OdBillingContact *
od_billing_contact_form_dup_contact (OdBillingContactForm *self)
{
  OdBillingContact *contact;

  g_return_val_if_fail (OD_IS_BILLING_CONTACT_FORM (self), NULL);

  contact = od_billing_contact_new ();
  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    {
      if (i == OD_BILLING_CONTACT_COUNTRY)
        od_billing_contact_set (contact, i, country_code (self));
      else
        od_billing_contact_set (contact, i, gtk_editable_get_text (GTK_EDITABLE (self->rows[i])));
    }

  return contact;
}

gboolean
od_billing_contact_form_get_dirty (OdBillingContactForm *self)
{
  g_return_val_if_fail (OD_IS_BILLING_CONTACT_FORM (self), FALSE);

  return self->dirty;
}

gboolean
od_billing_contact_form_get_busy (OdBillingContactForm *self)
{
  g_return_val_if_fail (OD_IS_BILLING_CONTACT_FORM (self), FALSE);

  return self->busy;
}

void
od_billing_contact_form_set_busy (OdBillingContactForm *self,
                                  gboolean              busy)
{
  g_return_if_fail (OD_IS_BILLING_CONTACT_FORM (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  update_save (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
od_billing_contact_form_set_errors (OdBillingContactForm *self,
                                    GHashTable           *field_errors)
{
  GtkWidget *first = NULL;
  const char *first_message = NULL;

  g_return_if_fail (OD_IS_BILLING_CONTACT_FORM (self));

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    {
      const char *message = NULL;

      if (field_errors != NULL)
        message = g_hash_table_lookup (field_errors, od_billing_contact_field_to_string (i));

      g_free (self->errors[i]);
      self->errors[i] = g_strdup (message);
      update_message (self, i);

      if (message != NULL && first == NULL)
        {
          first = i == OD_BILLING_CONTACT_COUNTRY ? GTK_WIDGET (self->country_dropdown) : self->rows[i];
          first_message = message;
        }
    }

  if (first != NULL)
    {
      /* The first problem is said aloud through the window's status */
      od_window_announce_for (first, first_message);
      gtk_widget_grab_focus (first);
    }
}

const char *
od_billing_contact_form_get_error (OdBillingContactForm  *self,
                                   OdBillingContactField  field)
{
  g_return_val_if_fail (OD_IS_BILLING_CONTACT_FORM (self), NULL);
  g_return_val_if_fail (field < OD_BILLING_CONTACT_N_FIELDS, NULL);

  return self->errors[field];
}

GtkWidget *
od_billing_contact_form_get_field_widget (OdBillingContactForm  *self,
                                          OdBillingContactField  field)
{
  g_return_val_if_fail (OD_IS_BILLING_CONTACT_FORM (self), NULL);
  g_return_val_if_fail (field < OD_BILLING_CONTACT_N_FIELDS, NULL);

  if (field == OD_BILLING_CONTACT_COUNTRY)
    return GTK_WIDGET (self->country_dropdown);

  return self->rows[field];
}
