/* render-work-zero.c — a triad of unit arms built once, drawn each frame through
 * view_proj · translate(position) · scale(arm), where arm = RENDER_WORK_ZERO_ARM_PX × the
 * frame's mm per pixel at the camera target: so it keeps its size on screen as the user
 * zooms, two pixels wide (under perspective, a work zero far in front of or behind the target is drawn a
 * little larger or smaller, which reads as depth). The label is a screen-space text
 * (render-text.h) beside the origin's projection. */
#include "render-work-zero.h"

#include <cglm/cglm.h>

#include "render-lines.h"
#include "render-text.h"

struct _RenderWorkZero
{
  RenderLayer parent_instance;

  double position[3];
  char *label;
  RenderLines *arms;           /* unit arms, not in any view: drawn by this layer */
  RenderText *text;
  int text_scale;
};

G_DEFINE_FINAL_TYPE (RenderWorkZero, render_work_zero, RENDER_TYPE_LAYER)

static const float label_rgb[3] = { 0.08f, 0.09f, 0.11f };

static void
render_work_zero_draw (RenderLayer *layer, const RenderContext *ctx)
{
  RenderWorkZero *self = RENDER_WORK_ZERO (layer);
  int scale = ctx->camera->width > 0 ? MAX (1, ctx->width / ctx->camera->width) : 1;
  float arm = RENDER_WORK_ZERO_ARM_PX * (float) scale * ctx->mm_per_px;
  mat4 model, vp;
  glm_translate_make (model, (vec3) { (float) self->position[0], (float) self->position[1],
                                      (float) self->position[2] });
  glm_scale_uni (model, arm);
  glm_mat4_mul ((vec4 *) ctx->view_proj, model, vp);
  /* two pixels wide (core GL lines are one): drawn again one pixel over in x and in y, by a
   * shift in clip space (x' = x + a·w moves the point a in NDC, whatever its depth) */
  static const float nudge[3][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 } };
  for (int i = 0; i < 3; i++)
    {
      mat4 shift, moved;
      glm_mat4_identity (shift);
      shift[3][0] = 2.0f * nudge[i][0] / (float) MAX (ctx->width, 1);
      shift[3][1] = 2.0f * nudge[i][1] / (float) MAX (ctx->height, 1);
      glm_mat4_mul (shift, vp, moved);
      render_lines_draw_with (self->arms, ctx, (const float *) moved);
    }

  vec4 o = { (float) self->position[0], (float) self->position[1], (float) self->position[2], 1.0f }, clip;
  glm_mat4_mulv ((vec4 *) ctx->view_proj, o, clip);
  if (clip[3] <= 0.0f)
    return;
  if (self->text == NULL || self->text_scale != scale)
    {
      if (self->text != NULL)
        render_text_release (self->text);
      g_clear_pointer (&self->text, render_text_free);
      self->text = render_text_new ("Sans Bold 9", scale);
      self->text_scale = scale;
    }
  render_text_set (self->text, self->label, label_rgb);
  float x = (clip[0] / clip[3] + 1.0f) * 0.5f * (float) ctx->width;
  float y = (1.0f - clip[1] / clip[3]) * 0.5f * (float) ctx->height;
  /* above-left of the origin: on the top, front and iso views the arms go right, up and
   * back-right, so that corner is free (−X, +Z) */
  int tw = 0, th = 0;
  render_text_get_size (self->text, &tw, &th);
  float lx = x - (float) tw - 4.0f * (float) scale, ly = y - (float) th - 2.0f * (float) scale;
  /* a work zero near the view's left or top edge: the label goes below-right, where it is read
   * whole rather than clipped */
  if (lx < 2.0f)
    lx = x + 6.0f * (float) scale;
  if (ly < 2.0f)
    ly = y + 4.0f * (float) scale;
  render_text_draw (self->text, ctx->programs, ctx->width, ctx->height, lx, ly, RENDER_TEXT_ANCHOR_TOP_LEFT);
}

static void
render_work_zero_release (RenderLayer *layer)
{
  RenderWorkZero *self = RENDER_WORK_ZERO (layer);
  render_layer_release (RENDER_LAYER (self->arms));
  if (self->text != NULL)
    render_text_release (self->text);
}

static void
render_work_zero_finalize (GObject *object)
{
  RenderWorkZero *self = RENDER_WORK_ZERO (object);
  g_clear_object (&self->arms);
  g_clear_pointer (&self->text, render_text_free);
  g_free (self->label);
  G_OBJECT_CLASS (render_work_zero_parent_class)->finalize (object);
}

static void
render_work_zero_class_init (RenderWorkZeroClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = render_work_zero_finalize;
  RENDER_LAYER_CLASS (klass)->draw = render_work_zero_draw;
  RENDER_LAYER_CLASS (klass)->release = render_work_zero_release;
}

static void
render_work_zero_init (RenderWorkZero *self)
{
  static const float rgb[3][4] = {
    { 0.85f, 0.12f, 0.12f, 1.0f }, { 0.10f, 0.62f, 0.15f, 1.0f }, { 0.12f, 0.30f, 0.90f, 1.0f },
  };
  self->label = g_strdup ("work zero");
  self->arms = render_lines_new ();
  for (int a = 0; a < 3; a++)
    {
      double tip[3] = { 0, 0, 0 };
      tip[a] = 1.0;
      render_lines_add_segment (self->arms, (double[3]) { 0, 0, 0 }, tip, rgb[a], rgb[a]);
    }
  /* inside the stock is where it usually is: never hidden by the part */
  render_layer_set_on_top (RENDER_LAYER (self), TRUE);
}

RenderWorkZero *
render_work_zero_new (void)
{
  return g_object_new (RENDER_TYPE_WORK_ZERO, NULL);
}

void
render_work_zero_set_position (RenderWorkZero *self, const double model[3])
{
  g_return_if_fail (RENDER_IS_WORK_ZERO (self));
  for (int k = 0; k < 3; k++)
    self->position[k] = model[k];
  render_layer_changed (RENDER_LAYER (self));
}

void
render_work_zero_get_position (RenderWorkZero *self, double model[3])
{
  g_return_if_fail (RENDER_IS_WORK_ZERO (self));
  for (int k = 0; k < 3; k++)
    model[k] = self->position[k];
}

void
render_work_zero_set_label (RenderWorkZero *self, const char *label)
{
  g_return_if_fail (RENDER_IS_WORK_ZERO (self));
  g_free (self->label);
  self->label = g_strdup (label ? label : "");
  render_layer_changed (RENDER_LAYER (self));
}

const char *
render_work_zero_get_label (RenderWorkZero *self)
{
  g_return_val_if_fail (RENDER_IS_WORK_ZERO (self), NULL);
  return self->label;
}
