/* render-view.c — GtkGLArea glue: realize / render / unrealize / input.
 *
 * Frame: clear → grid plane (no depth writes) → part (polygon offset so its edges win)
 * → layers (depth tested) → on-top layers (no depth test) → triad and scale bar →
 * optional read-back for screenshots. An x-rayed part comes after the depth-tested
 * layers instead: it writes no depth and blends over them, so they show through it; a
 * hidden one is not drawn. Layers with an offset (render_view_set_layer_offset) are drawn
 * through a translated view. The camera works in widget pixels; the GL viewport in
 * framebuffer pixels (× scale factor).
 */
#include "render-view.h"

#include <math.h>
#include <string.h>

#include "render-grid.h"
#include "render-program.h"

struct _RenderView
{
  GtkGLArea parent_instance;

  RenderCamera camera;
  RenderMesh *mesh;
  GPtrArray *layers;            /* RenderLayer, owned */
  RenderGrid *grid;
  RenderPrograms programs;
  gboolean gl_ready;
  char *gl_error;

  gboolean show_edges;
  gboolean wireframe;
  RenderPartStyle part_style;
  GHashTable *layer_offsets;    /* RenderLayer (borrowed, in layers) → double[3] */
  gboolean fit_pending;         /* fit once the viewport size is known */
  gboolean has_fit_bounds;      /* what to fit without a part (a G-code program) */
  CamBounds fit_bounds;

  /* input */
  double drag_last_x, drag_last_y;
  gboolean drag_pans;
  gboolean interacting;         /* big parts are drawn coarse meanwhile */
  guint scroll_settle;          /* end of a wheel zoom */
  double pointer_x, pointer_y;

  /* screenshots and benchmarks */
  GSList *captures;             /* Capture */
  gboolean timed_frames;

  gboolean in_render;
  guint redraw_idle;            /* redraw asked for while rendering */
};

typedef struct {
  RenderViewCaptureFunc callback;
  gpointer user_data;
} Capture;

enum { SIGNAL_GL_FAILED, SIGNAL_FRAME_RENDERED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_PART_STYLE, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (RenderView, render_view, GTK_TYPE_GL_AREA)

static const float background_rgb[3] = { 0.945f, 0.950f, 0.965f };

/* ---- redraws ------------------------------------------------------------------- */

static gboolean
redraw_idle_cb (gpointer data)
{
  RenderView *self = data;
  self->redraw_idle = 0;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  return G_SOURCE_REMOVE;
}

/* A redraw queued from inside the render handler (a capture callback asking for the next
 * frame, a layer changed by a frame-rendered handler) would be dropped by GTK when the
 * frame ends: defer those to an idle. */
static void
request_redraw (RenderView *self)
{
  if (!self->in_render)
    gtk_gl_area_queue_render (GTK_GL_AREA (self));
  else if (self->redraw_idle == 0)
    self->redraw_idle = g_idle_add (redraw_idle_cb, self);
}

/* ---- scene ---------------------------------------------------------------------- */

static void
update_scene_sphere (RenderView *self)
{
  CamBounds ext;
  vec3 lo, hi, c;
  render_grid_get_extent (self->grid, &ext);
  if (self->mesh != NULL)
    {
      const CamBounds *b = &render_mesh_get_cam_mesh (self->mesh)->bounds;
      for (int i = 0; i < 3; i++)
        {
          ext.min[i] = MIN (ext.min[i], b->min[i]);
          ext.max[i] = MAX (ext.max[i], b->max[i]);
        }
    }
  for (int i = 0; i < 3; i++)
    {
      lo[i] = (float) ext.min[i];
      hi[i] = (float) ext.max[i];
    }
  glm_vec3_center (lo, hi, c);
  /* generous: overlays (rapids at clearance height, fixtures) may reach beyond the part */
  render_camera_set_scene (&self->camera, c, 3.0f * glm_vec3_distance (lo, hi) * 0.5f);
}

static void
fit_now (RenderView *self)
{
  vec3 lo, hi;
  CamBounds b;
  if (self->mesh != NULL)
    b = render_mesh_get_cam_mesh (self->mesh)->bounds;
  else if (self->has_fit_bounds)
    b = self->fit_bounds;
  else
    render_grid_get_extent (self->grid, &b);
  for (int i = 0; i < 3; i++)
    {
      lo[i] = (float) b.min[i];
      hi[i] = (float) b.max[i];
    }
  render_camera_fit (&self->camera, lo, hi, 0.08f);
}

static void
layer_changed_cb (RenderLayer *layer, RenderView *self)
{
  (void) layer;
  request_redraw (self);
}

/* ---- GL life cycle ------------------------------------------------------------- */

static gboolean
emit_gl_failed_idle (gpointer data)
{
  RenderView *self = data;
  if (self->gl_error != NULL)
    g_signal_emit (self, signals[SIGNAL_GL_FAILED], 0, self->gl_error);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
fail (RenderView *self, const GError *error)
{
  g_free (self->gl_error);
  self->gl_error = g_strdup_printf ("The 3D view needs OpenGL 3.3, which could not be started: %s",
                                    error != NULL ? error->message : "unknown reason");
  g_warning ("%s", self->gl_error);
  g_idle_add (emit_gl_failed_idle, g_object_ref (self));
}

static void
render_view_realize (GtkWidget *widget)
{
  RenderView *self = RENDER_VIEW (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);
  g_autoptr (GError) error = NULL;

  GTK_WIDGET_CLASS (render_view_parent_class)->realize (widget);

  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) != NULL)
    {
      fail (self, gtk_gl_area_get_error (area));
      return;
    }
  if (!render_programs_init (&self->programs, &error))
    {
      gtk_gl_area_set_error (area, error);
      fail (self, error);
      return;
    }
  self->gl_ready = TRUE;
}

static void
render_view_unrealize (GtkWidget *widget)
{
  RenderView *self = RENDER_VIEW (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);

  if (self->gl_ready)
    {
      gtk_gl_area_make_current (area);
      if (gtk_gl_area_get_error (area) == NULL)
        {
          if (self->mesh != NULL)
            render_layer_release (RENDER_LAYER (self->mesh));
          for (guint i = 0; i < self->layers->len; i++)
            render_layer_release (g_ptr_array_index (self->layers, i));
          render_grid_release (self->grid);
          render_programs_clear (&self->programs);
        }
      self->gl_ready = FALSE;
    }
  GTK_WIDGET_CLASS (render_view_parent_class)->unrealize (widget);
}

static void
finish_captures (RenderView *self, int width, int height, const GError *error)
{
  GSList *captures = g_slist_reverse (self->captures);
  g_autoptr (GdkTexture) texture = NULL;

  self->captures = NULL;
  if (captures == NULL)
    return;
  if (error == NULL)
    {
      gsize stride = (gsize) width * 4;
      guint8 *pixels = g_malloc ((gsize) height * stride);
      guint8 *flipped = g_malloc ((gsize) height * stride);
      glPixelStorei (GL_PACK_ALIGNMENT, 1);
      glReadPixels (0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
      for (int y = 0; y < height; y++)
        {
          guint8 *dst = flipped + (gsize) y * stride;
          memcpy (dst, pixels + (gsize) (height - 1 - y) * stride, stride);
          for (int x = 0; x < width; x++)
            dst[4 * x + 3] = 255;   /* the view is opaque; blending leaves alpha < 1 */
        }
      g_free (pixels);
      g_autoptr (GBytes) bytes = g_bytes_new_take (flipped, (gsize) height * stride);
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, stride);
    }
  for (GSList *l = captures; l != NULL; l = l->next)
    {
      Capture *c = l->data;
      c->callback (self, texture, error, c->user_data);
    }
  g_slist_free_full (captures, g_free);
}

/* A layer with an offset is drawn with the matrices of its translated frame. */
static void
draw_layer (RenderView *self, RenderLayer *layer, const RenderContext *ctx)
{
  const double *off = g_hash_table_lookup (self->layer_offsets, layer);
  if (off == NULL)
    {
      render_layer_draw (layer, ctx);
      return;
    }
  RenderContext moved = *ctx;
  mat4 t;
  glm_translate_make (t, (vec3) { (float) off[0], (float) off[1], (float) off[2] });
  glm_mat4_mul ((vec4 *) ctx->view, t, moved.view);
  glm_mat4_mul ((vec4 *) ctx->view_proj, t, moved.view_proj);
  render_layer_draw (layer, &moved);
}

static gboolean
render_view_render (GtkGLArea *area, GdkGLContext *context)
{
  RenderView *self = RENDER_VIEW (area);
  GtkWidget *widget = GTK_WIDGET (area);
  int scale = gtk_widget_get_scale_factor (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  int fw = w * scale, fh = h * scale;
  gint64 t0 = g_get_monotonic_time ();
  RenderContext ctx;

  (void) context;
  if (!self->gl_ready || gtk_gl_area_get_error (area) != NULL)
    return FALSE;
  self->in_render = TRUE;

  render_camera_set_viewport (&self->camera, w, h);
  if (self->fit_pending && w > 1 && h > 1)
    {
      fit_now (self);
      self->fit_pending = FALSE;
    }

  ctx.camera = &self->camera;
  ctx.programs = &self->programs;
  render_camera_view_matrix (&self->camera, ctx.view);
  render_camera_projection (&self->camera, ctx.proj);
  glm_mat4_mul (ctx.proj, ctx.view, ctx.view_proj);
  ctx.width = fw;
  ctx.height = fh;
  ctx.mm_per_px = render_camera_mm_per_pixel (&self->camera) / (float) scale;

  glViewport (0, 0, fw, fh);
  glClearColor (background_rgb[0], background_rgb[1], background_rgb[2], 1.0f);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable (GL_BLEND);
  glBlendFunc (GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_LEQUAL);

  render_grid_draw_plane (self->grid, &ctx);
  gboolean draw_part = self->mesh != NULL && self->part_style != RENDER_PART_HIDDEN;
  if (draw_part && self->part_style == RENDER_PART_SOLID)
    render_layer_draw (RENDER_LAYER (self->mesh), &ctx);
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1 && draw_part && self->part_style == RENDER_PART_XRAY)
        render_layer_draw (RENDER_LAYER (self->mesh), &ctx);
      if (pass == 1)
        glDisable (GL_DEPTH_TEST);
      for (guint i = 0; i < self->layers->len; i++)
        {
          RenderLayer *layer = g_ptr_array_index (self->layers, i);
          if (render_layer_get_visible (layer) && render_layer_get_on_top (layer) == (pass == 1))
            draw_layer (self, layer, &ctx);
        }
    }
  render_grid_draw_overlay (self->grid, &ctx, scale);
  glUseProgram (0);

  if (self->timed_frames)
    glFinish ();
  finish_captures (self, fw, fh, NULL);
  g_signal_emit (self, signals[SIGNAL_FRAME_RENDERED], 0,
                 (double) (g_get_monotonic_time () - t0) / 1000.0);
  self->in_render = FALSE;
  return TRUE;
}

/* ---- input --------------------------------------------------------------------- */

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, RenderView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  (void) x;
  (void) y;
  self->drag_last_x = 0.0;
  self->drag_last_y = 0.0;
  self->drag_pans = button == GDK_BUTTON_MIDDLE || (mods & GDK_SHIFT_MASK) != 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  render_view_set_interacting (self, TRUE);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, RenderView *self)
{
  (void) gesture;
  (void) dx;
  (void) dy;
  render_view_set_interacting (self, FALSE);
}

static gboolean
scroll_settled_cb (gpointer data)
{
  RenderView *self = data;
  self->scroll_settle = 0;
  render_view_set_interacting (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, RenderView *self)
{
  float ddx = (float) (dx - self->drag_last_x), ddy = (float) (dy - self->drag_last_y);
  (void) gesture;
  self->drag_last_x = dx;
  self->drag_last_y = dy;
  if (self->drag_pans)
    render_camera_pan (&self->camera, ddx, ddy);
  else
    render_camera_orbit (&self->camera, ddx, ddy);
  request_redraw (self);
}

static void
motion_cb (GtkEventControllerMotion *motion, double x, double y, RenderView *self)
{
  (void) motion;
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll, double dx, double dy, RenderView *self)
{
  (void) scroll;
  (void) dx;
  if (dy == 0.0)
    return FALSE;
  render_camera_zoom_at (&self->camera, powf (1.15f, (float) dy),
                         (float) self->pointer_x, (float) self->pointer_y);
  render_view_set_interacting (self, TRUE);
  g_clear_handle_id (&self->scroll_settle, g_source_remove);
  self->scroll_settle = g_timeout_add (250, scroll_settled_cb, self);
  request_redraw (self);
  return TRUE;
}

/* ---- object -------------------------------------------------------------------- */

static void
render_view_dispose (GObject *object)
{
  RenderView *self = RENDER_VIEW (object);
  if (self->layers != NULL)
    for (guint i = 0; i < self->layers->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->layers, i), self);
  g_clear_pointer (&self->layer_offsets, g_hash_table_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  if (self->mesh != NULL)
    g_signal_handlers_disconnect_by_data (self->mesh, self);
  g_clear_object (&self->mesh);
  g_clear_pointer (&self->grid, render_grid_free);
  g_clear_handle_id (&self->redraw_idle, g_source_remove);
  g_clear_handle_id (&self->scroll_settle, g_source_remove);
  if (self->captures != NULL)
    {
      g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      "The 3D view was closed before it drew a frame");
      finish_captures (self, 0, 0, error);
    }
  G_OBJECT_CLASS (render_view_parent_class)->dispose (object);
}

static void
render_view_finalize (GObject *object)
{
  RenderView *self = RENDER_VIEW (object);
  g_free (self->gl_error);
  G_OBJECT_CLASS (render_view_parent_class)->finalize (object);
}

static void
render_view_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  RenderView *self = RENDER_VIEW (object);
  if (id == PROP_PART_STYLE)
    g_value_set_uint (value, (guint) self->part_style);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
render_view_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  RenderView *self = RENDER_VIEW (object);
  if (id == PROP_PART_STYLE)
    render_view_set_part_style (self, (RenderPartStyle) g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
render_view_class_init (RenderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkGLAreaClass *area_class = GTK_GL_AREA_CLASS (klass);

  object_class->dispose = render_view_dispose;
  object_class->finalize = render_view_finalize;
  object_class->get_property = render_view_get_property;
  object_class->set_property = render_view_set_property;
  widget_class->realize = render_view_realize;
  widget_class->unrealize = render_view_unrealize;
  area_class->render = render_view_render;

  /* ::gl-failed (message): OpenGL could not start; message is a sentence for the user. */
  signals[SIGNAL_GL_FAILED] =
    g_signal_new ("gl-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* ::frame-rendered (milliseconds): a frame was drawn (see render_view_set_timed_frames). */
  signals[SIGNAL_FRAME_RENDERED] =
    g_signal_new ("frame-rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  /* a guint, not an enum: GtkDropDown:selected binds to it as it is */
  props[PROP_PART_STYLE] = g_param_spec_uint ("part-style", NULL, NULL, RENDER_PART_SOLID, RENDER_PART_HIDDEN,
                                              RENDER_PART_SOLID,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
render_view_init (RenderView *self)
{
  GtkGesture *orbit = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  render_camera_init (&self->camera);
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->layer_offsets = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->grid = render_grid_new ();
  self->show_edges = TRUE;
  self->fit_pending = TRUE;
  update_scene_sphere (self);

  gtk_gl_area_set_required_version (GTK_GL_AREA (self), 3, 3);
  gtk_gl_area_set_use_es (GTK_GL_AREA (self), FALSE);
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self), TRUE);
  gtk_gl_area_set_auto_render (GTK_GL_AREA (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (orbit), GDK_BUTTON_PRIMARY);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  for (int i = 0; i < 2; i++)
    {
      GtkGesture *g = i == 0 ? orbit : pan;
      g_signal_connect (g, "drag-begin", G_CALLBACK (drag_begin_cb), self);
      g_signal_connect (g, "drag-update", G_CALLBACK (drag_update_cb), self);
      g_signal_connect (g, "drag-end", G_CALLBACK (drag_end_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (g));
    }
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
render_view_new (void)
{
  return g_object_new (RENDER_TYPE_VIEW, NULL);
}

static gboolean
make_current (RenderView *self)
{
  if (!self->gl_ready)
    return FALSE;
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  return gtk_gl_area_get_error (GTK_GL_AREA (self)) == NULL;
}

void
render_view_set_mesh (RenderView *view, RenderMesh *mesh)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  if (view->mesh == mesh)
    return;
  if (view->mesh != NULL)
    {
      g_signal_handlers_disconnect_by_data (view->mesh, view);
      if (make_current (view))
        render_layer_release (RENDER_LAYER (view->mesh));
      g_clear_object (&view->mesh);
    }
  if (mesh != NULL)
    {
      view->mesh = g_object_ref (mesh);
      render_mesh_set_show_edges (mesh, view->show_edges);
      render_mesh_set_wireframe (mesh, view->wireframe);
      render_mesh_set_coarse (mesh, view->interacting);
      render_mesh_set_xray (mesh, view->part_style == RENDER_PART_XRAY);
      g_signal_connect (mesh, "changed", G_CALLBACK (layer_changed_cb), view);
      render_grid_set_bounds (view->grid, &render_mesh_get_cam_mesh (mesh)->bounds);
    }
  else
    render_grid_set_bounds (view->grid, NULL);
  update_scene_sphere (view);
  view->fit_pending = TRUE;
  request_redraw (view);
}

RenderMesh *
render_view_get_mesh (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), NULL);
  return view->mesh;
}

void
render_view_set_view (RenderView *view, RenderCameraView preset)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  render_camera_set_view (&view->camera, preset);
  view->fit_pending = TRUE;
  request_redraw (view);
}

void
render_view_fit (RenderView *view)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->fit_pending = TRUE;
  request_redraw (view);
}

void
render_view_set_fit_bounds (RenderView *view, const double min[3], const double max[3])
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->has_fit_bounds = min != NULL && max != NULL;
  for (int i = 0; i < 3 && view->has_fit_bounds; i++)
    {
      view->fit_bounds.min[i] = min[i];
      view->fit_bounds.max[i] = max[i];
    }
}

void
render_view_set_orthographic (RenderView *view, gboolean orthographic)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->camera.orthographic = !!orthographic;
  request_redraw (view);
}

gboolean
render_view_get_orthographic (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), FALSE);
  return view->camera.orthographic;
}

void
render_view_set_show_edges (RenderView *view, gboolean show)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->show_edges = !!show;
  if (view->mesh != NULL)
    render_mesh_set_show_edges (view->mesh, show);
  request_redraw (view);
}

gboolean
render_view_get_show_edges (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), FALSE);
  return view->show_edges;
}

void
render_view_set_wireframe (RenderView *view, gboolean wireframe)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->wireframe = !!wireframe;
  if (view->mesh != NULL)
    render_mesh_set_wireframe (view->mesh, wireframe);
  request_redraw (view);
}

gboolean
render_view_get_wireframe (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), FALSE);
  return view->wireframe;
}

void
render_view_set_show_grid (RenderView *view, gboolean show)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  render_grid_set_visible (view->grid, show);
  request_redraw (view);
}

void
render_view_add_layer (RenderView *view, RenderLayer *layer)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  g_return_if_fail (RENDER_IS_LAYER (layer));
  g_ptr_array_add (view->layers, g_object_ref (layer));
  g_signal_connect (layer, "changed", G_CALLBACK (layer_changed_cb), view);
  request_redraw (view);
}

void
render_view_remove_layer (RenderView *view, RenderLayer *layer)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  g_return_if_fail (RENDER_IS_LAYER (layer));
  if (!g_ptr_array_find (view->layers, layer, NULL))
    return;
  g_signal_handlers_disconnect_by_data (layer, view);
  if (make_current (view))
    render_layer_release (layer);
  g_hash_table_remove (view->layer_offsets, layer);
  g_ptr_array_remove (view->layers, layer);
  request_redraw (view);
}

void
render_view_set_layer_offset (RenderView *view, RenderLayer *layer, const double offset[3])
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  g_return_if_fail (RENDER_IS_LAYER (layer));
  if (!g_ptr_array_find (view->layers, layer, NULL))
    return;
  if (offset == NULL)
    g_hash_table_remove (view->layer_offsets, layer);
  else
    g_hash_table_insert (view->layer_offsets, layer, g_memdup2 (offset, 3 * sizeof (double)));
  request_redraw (view);
}

void
render_view_set_part_style (RenderView *view, RenderPartStyle style)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  g_return_if_fail ((guint) style <= RENDER_PART_HIDDEN);
  if (view->part_style == style)
    return;
  view->part_style = style;
  if (view->mesh != NULL)
    render_mesh_set_xray (view->mesh, style == RENDER_PART_XRAY);
  g_object_notify_by_pspec (G_OBJECT (view), props[PROP_PART_STYLE]);
  request_redraw (view);
}

RenderPartStyle
render_view_get_part_style (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), RENDER_PART_SOLID);
  return view->part_style;
}

RenderCamera *
render_view_get_camera (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), NULL);
  return &view->camera;
}

void
render_view_camera_changed (RenderView *view)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  request_redraw (view);
}

const char *
render_view_get_gl_error (RenderView *view)
{
  g_return_val_if_fail (RENDER_IS_VIEW (view), NULL);
  return view->gl_error;
}

void
render_view_capture_next_frame (RenderView *view, RenderViewCaptureFunc callback, gpointer user_data)
{
  Capture *c;
  g_return_if_fail (RENDER_IS_VIEW (view));
  if (view->gl_error != NULL)
    {
      g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, view->gl_error);
      callback (view, NULL, error, user_data);
      return;
    }
  c = g_new0 (Capture, 1);
  c->callback = callback;
  c->user_data = user_data;
  view->captures = g_slist_prepend (view->captures, c);
  request_redraw (view);
}

void
render_view_set_timed_frames (RenderView *view, gboolean timed)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->timed_frames = !!timed;
}

void
render_view_set_interacting (RenderView *view, gboolean interacting)
{
  g_return_if_fail (RENDER_IS_VIEW (view));
  view->interacting = !!interacting;
  if (view->mesh != NULL)
    render_mesh_set_coarse (view->mesh, view->interacting);
  request_redraw (view);
}

gboolean
render_view_gl_is_software (GdkDisplay *display, char **renderer)
{
  g_autoptr (GdkGLContext) context = NULL;
  g_autoptr (GError) error = NULL;
  gboolean software = FALSE;
  const char *name;

  if (renderer != NULL)
    *renderer = NULL;
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return FALSE;
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  if (name != NULL)
    {
      software = strstr (name, "llvmpipe") != NULL || strstr (name, "softpipe") != NULL ||
                 strstr (name, "swrast") != NULL;
      if (renderer != NULL)
        *renderer = g_strdup (name);
    }
  gdk_gl_context_clear_current ();
  return software;
}
