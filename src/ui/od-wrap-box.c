/* od-wrap-box.c — a row of widgets that wraps onto more lines when the width runs out
 *
 * A horizontal GtkBox needs the sum of its children's widths, which at large text sizes is more
 * than a phone-sized window has. An OdWrapBox lays its children out like a box while they fit
 * and moves the ones that do not onto the next line, so it needs only the width of its widest
 * child. It draws nothing, adds no focus stop and reads as a group, like a GtkBox; in a .ui file
 * it replaces <object class="GtkBox"> (its "spacing" is the gap between children and between
 * lines). Children that expand horizontally share what is left of their line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "od-wrap-box.h"

struct _OdWrapBox
{
  GtkWidget parent_instance;

  int spacing;
};

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void od_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OdWrapBox, od_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, od_wrap_box_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* One child's place: its line and its width on that line */
typedef struct
{
  GtkWidget *child;
  guint      line;
  int        width;
} Place;

/* Puts the visible children on lines no wider than width (natural widths first, shrunk to what
 * the line has when a child alone is wider) and gives the expanding children of each line what
 * is left of it. Returns the places; n_lines is set. */
static GArray *
lay_out (OdWrapBox *self,
         int        width,
         guint     *n_lines)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (Place));
  guint line = 0, line_start = 0;
  int used = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Place place = { child, 0, 0 };
      int minimum, natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      if (places->len > line_start && used + self->spacing + natural > width)
        {
          line++;
          line_start = places->len;
          used = 0;
        }
      place.line = line;
      place.width = MAX (minimum, MIN (natural, width - (used > 0 ? used + self->spacing : 0)));
      used += (used > 0 ? self->spacing : 0) + place.width;
      g_array_append_val (places, place);
    }

  /* What is left of each line goes to its expanding children */
  for (guint first = 0; first < places->len;)
    {
      guint last = first, n_expand = 0;
      int line_used = 0;

      while (last < places->len && g_array_index (places, Place, last).line ==
             g_array_index (places, Place, first).line)
        {
          Place *place = &g_array_index (places, Place, last);

          line_used += (last > first ? self->spacing : 0) + place->width;
          if (gtk_widget_compute_expand (place->child, GTK_ORIENTATION_HORIZONTAL))
            n_expand++;
          last++;
        }
      if (n_expand > 0 && line_used < width)
        {
          int extra = (width - line_used) / (int) n_expand;

          for (guint i = first; i < last; i++)
            {
              Place *place = &g_array_index (places, Place, i);

              if (gtk_widget_compute_expand (place->child, GTK_ORIENTATION_HORIZONTAL))
                place->width += extra;
            }
        }
      first = last;
    }

  *n_lines = places->len > 0 ? line + 1 : 0;

  return places;
}

/* The minimum and natural height of each line, for children at their places' widths */
static void
measure_lines (OdWrapBox *self,
               GArray    *places,
               guint      n_lines,
               int       *line_minimum,
               int       *line_natural)
{
  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      int minimum, natural;

      gtk_widget_measure (place->child, GTK_ORIENTATION_VERTICAL, place->width,
                          &minimum, &natural, NULL, NULL);
      line_minimum[place->line] = MAX (line_minimum[place->line], minimum);
      line_natural[place->line] = MAX (line_natural[place->line], natural);
    }
}

/* The widest child alone, or all of them on one line */
static void
measure_width (OdWrapBox *self,
               int       *minimum,
               int       *natural)
{
  gboolean first = TRUE;
  int widest = 0, line = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum,
                          &child_natural, NULL, NULL);
      widest = MAX (widest, child_minimum);
      line += (first ? 0 : self->spacing) + child_natural;
      first = FALSE;
    }

  if (minimum != NULL)
    *minimum = widest;
  if (natural != NULL)
    *natural = line;
}

static GtkSizeRequestMode
od_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
od_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  OdWrapBox *self = OD_WRAP_BOX (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    measure_width (self, minimum, natural);
  else
    {
      int width = for_size;
      g_autoptr(GArray) places = NULL;
      g_autofree int *line_minimum = NULL;
      g_autofree int *line_natural = NULL;
      guint n_lines;

      if (width < 0)
        measure_width (self, NULL, &width);

      places = lay_out (self, width, &n_lines);
      line_minimum = g_new0 (int, MAX (n_lines, 1));
      line_natural = g_new0 (int, MAX (n_lines, 1));
      measure_lines (self, places, n_lines, line_minimum, line_natural);
      for (guint line = 0; line < n_lines; line++)
        {
          *minimum += (line > 0 ? self->spacing : 0) + line_minimum[line];
          *natural += (line > 0 ? self->spacing : 0) + line_natural[line];
        }
    }

  *minimum_baseline = *natural_baseline = -1;
}

static void
od_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  OdWrapBox *self = OD_WRAP_BOX (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  g_autoptr(GArray) places = NULL;
  g_autofree int *line_minimum = NULL;
  g_autofree int *line_natural = NULL;
  guint n_lines, line = 0;
  int x = 0, y = 0;

  places = lay_out (self, width, &n_lines);
  if (n_lines == 0)
    return;
  line_minimum = g_new0 (int, n_lines);
  line_natural = g_new0 (int, n_lines);
  measure_lines (self, places, n_lines, line_minimum, line_natural);

  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);

      if (place->line != line)
        {
          y += line_natural[line] + self->spacing;
          line = place->line;
          x = 0;
        }
      gtk_widget_size_allocate (place->child,
                                &(GtkAllocation) { rtl ? width - x - place->width : x, y,
                                                   place->width, line_natural[line] },
                                -1);
      x += place->width + self->spacing;
    }
}

static void
od_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (od_wrap_box_parent_class)->dispose (object);
}

static void
od_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OdWrapBox *self = OD_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OdWrapBox *self = OD_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      od_wrap_box_set_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_wrap_box_buildable_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child) && type == NULL)
    od_wrap_box_append (OD_WRAP_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
od_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = od_wrap_box_buildable_add_child;
}

static void
od_wrap_box_class_init (OdWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_wrap_box_dispose;
  object_class->get_property = od_wrap_box_get_property;
  object_class->set_property = od_wrap_box_set_property;
  widget_class->get_request_mode = od_wrap_box_get_request_mode;
  widget_class->measure = od_wrap_box_measure;
  widget_class->size_allocate = od_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
od_wrap_box_init (OdWrapBox *self)
{
}

GtkWidget *
od_wrap_box_new (int spacing)
{
  return g_object_new (OD_TYPE_WRAP_BOX, "spacing", spacing, NULL);
}

void
od_wrap_box_append (OdWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (OD_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

int
od_wrap_box_get_spacing (OdWrapBox *self)
{
  g_return_val_if_fail (OD_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

void
od_wrap_box_set_spacing (OdWrapBox *self,
                         int        spacing)
{
  g_return_if_fail (OD_IS_WRAP_BOX (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
