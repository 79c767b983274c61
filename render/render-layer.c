/* render-layer.c — base class of everything drawn over the part. */
#include "render-layer.h"

typedef struct {
  gboolean visible;
  gboolean on_top;
  gboolean dirty;
} RenderLayerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RenderLayer, render_layer, G_TYPE_OBJECT)

enum { PROP_0, PROP_VISIBLE, PROP_ON_TOP, N_PROPS };
enum { SIGNAL_CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
render_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RenderLayer *self = RENDER_LAYER (object);
  switch (prop_id)
    {
    case PROP_VISIBLE:
      g_value_set_boolean (value, render_layer_get_visible (self));
      break;
    case PROP_ON_TOP:
      g_value_set_boolean (value, render_layer_get_on_top (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
render_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RenderLayer *self = RENDER_LAYER (object);
  switch (prop_id)
    {
    case PROP_VISIBLE:
      render_layer_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_ON_TOP:
      render_layer_set_on_top (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
render_layer_class_init (RenderLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = render_layer_get_property;
  object_class->set_property = render_layer_set_property;

  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ON_TOP] =
    g_param_spec_boolean ("on-top", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the layer needs a redraw (geometry or visibility changed). */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
render_layer_init (RenderLayer *self)
{
  RenderLayerPrivate *priv = render_layer_get_instance_private (self);
  priv->visible = TRUE;
  priv->dirty = TRUE;
}

void
render_layer_set_visible (RenderLayer *layer, gboolean visible)
{
  RenderLayerPrivate *priv;
  g_return_if_fail (RENDER_IS_LAYER (layer));
  priv = render_layer_get_instance_private (layer);
  visible = !!visible;
  if (priv->visible == visible)
    return;
  priv->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (layer), properties[PROP_VISIBLE]);
  g_signal_emit (layer, signals[SIGNAL_CHANGED], 0);
}

gboolean
render_layer_get_visible (RenderLayer *layer)
{
  RenderLayerPrivate *priv;
  g_return_val_if_fail (RENDER_IS_LAYER (layer), FALSE);
  priv = render_layer_get_instance_private (layer);
  return priv->visible;
}

void
render_layer_set_on_top (RenderLayer *layer, gboolean on_top)
{
  RenderLayerPrivate *priv;
  g_return_if_fail (RENDER_IS_LAYER (layer));
  priv = render_layer_get_instance_private (layer);
  on_top = !!on_top;
  if (priv->on_top == on_top)
    return;
  priv->on_top = on_top;
  g_object_notify_by_pspec (G_OBJECT (layer), properties[PROP_ON_TOP]);
  g_signal_emit (layer, signals[SIGNAL_CHANGED], 0);
}

gboolean
render_layer_get_on_top (RenderLayer *layer)
{
  RenderLayerPrivate *priv;
  g_return_val_if_fail (RENDER_IS_LAYER (layer), FALSE);
  priv = render_layer_get_instance_private (layer);
  return priv->on_top;
}

void
render_layer_changed (RenderLayer *layer)
{
  RenderLayerPrivate *priv;
  g_return_if_fail (RENDER_IS_LAYER (layer));
  priv = render_layer_get_instance_private (layer);
  /* Already waiting for an upload: the redraw is asked for already. This keeps a loop
   * adding a million segments to a shown layer from asking a million redraws. */
  if (priv->dirty)
    return;
  priv->dirty = TRUE;
  g_signal_emit (layer, signals[SIGNAL_CHANGED], 0);
}

gboolean
render_layer_is_dirty (RenderLayer *layer)
{
  RenderLayerPrivate *priv = render_layer_get_instance_private (layer);
  return priv->dirty;
}

void
render_layer_upload (RenderLayer *layer)
{
  RenderLayerPrivate *priv = render_layer_get_instance_private (layer);
  RenderLayerClass *klass = RENDER_LAYER_GET_CLASS (layer);
  if (klass->upload != NULL)
    klass->upload (layer);
  priv->dirty = FALSE;
}

void
render_layer_draw (RenderLayer *layer, const RenderContext *ctx)
{
  RenderLayerClass *klass = RENDER_LAYER_GET_CLASS (layer);
  if (render_layer_is_dirty (layer))
    render_layer_upload (layer);
  if (klass->draw != NULL)
    klass->draw (layer, ctx);
}

void
render_layer_release (RenderLayer *layer)
{
  RenderLayerPrivate *priv = render_layer_get_instance_private (layer);
  RenderLayerClass *klass = RENDER_LAYER_GET_CLASS (layer);
  if (klass->release != NULL)
    klass->release (layer);
  /* uploaded again if the view is realized anew */
  priv->dirty = TRUE;
}
