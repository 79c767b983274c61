/* render-text.c — Pango/cairo label → GL texture → one textured quad. */
#include "render-text.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

struct _RenderText
{
  char *font;
  int scale;
  char *string;
  float rgb[3];
  cairo_surface_t *surface;   /* premultiplied ARGB32 = BGRA bytes on little endian */
  int width, height;
  gboolean dirty;

  GLuint texture, vao, vbo;
};

RenderText *
render_text_new (const char *font, int scale)
{
  RenderText *text = g_new0 (RenderText, 1);
  text->font = g_strdup (font);
  text->scale = MAX (scale, 1);
  return text;
}

void
render_text_free (RenderText *text)
{
  if (text == NULL)
    return;
  g_free (text->font);
  g_free (text->string);
  g_clear_pointer (&text->surface, cairo_surface_destroy);
  g_free (text);
}

static void
layout_text (RenderText *text)
{
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (probe);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (text->font);
  int w, h, pad = 2 * text->scale;

  pango_font_description_set_size (desc, pango_font_description_get_size (desc) * text->scale);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text->string, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_destroy (cr);
  cairo_surface_destroy (probe);

  g_clear_pointer (&text->surface, cairo_surface_destroy);
  text->width = w + 2 * pad;
  text->height = h + 2 * pad;
  text->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, text->width, text->height);
  cr = cairo_create (text->surface);
  /* a soft light halo keeps the label readable over grid lines and the part */
  cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.72);
  cairo_rectangle (cr, 0, 0, text->width, text->height);
  cairo_fill (cr);
  cairo_move_to (cr, pad, pad);
  cairo_set_source_rgb (cr, text->rgb[0], text->rgb[1], text->rgb[2]);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (text->surface);

  pango_font_description_free (desc);
  g_object_unref (layout);
  text->dirty = TRUE;
}

void
render_text_set (RenderText *text, const char *utf8, const float rgb[3])
{
  if (text->string != NULL && g_str_equal (text->string, utf8) &&
      memcmp (text->rgb, rgb, sizeof text->rgb) == 0)
    return;
  g_free (text->string);
  text->string = g_strdup (utf8);
  memcpy (text->rgb, rgb, sizeof text->rgb);
  layout_text (text);
}

void
render_text_get_size (RenderText *text, int *width_px, int *height_px)
{
  *width_px = text->surface != NULL ? text->width : 0;
  *height_px = text->surface != NULL ? text->height : 0;
}

static void
upload (RenderText *text)
{
  if (text->texture == 0)
    {
      glGenTextures (1, &text->texture);
      glGenVertexArrays (1, &text->vao);
      glGenBuffers (1, &text->vbo);
      glBindVertexArray (text->vao);
      glBindBuffer (GL_ARRAY_BUFFER, text->vbo);
      glBufferData (GL_ARRAY_BUFFER, 16 * sizeof (float), NULL, GL_DYNAMIC_DRAW);
      glEnableVertexAttribArray (0);
      glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof (float), (void *) 0);
      glEnableVertexAttribArray (1);
      glVertexAttribPointer (1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof (float), (void *) (2 * sizeof (float)));
      glBindVertexArray (0);
    }
  glBindTexture (GL_TEXTURE_2D, text->texture);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, cairo_image_surface_get_stride (text->surface) / 4);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, text->width, text->height, 0, GL_BGRA,
                GL_UNSIGNED_BYTE, cairo_image_surface_get_data (text->surface));
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  text->dirty = FALSE;
}

void
render_text_draw (RenderText *text, const RenderPrograms *programs,
                  int viewport_width, int viewport_height,
                  float x_px, float y_px, RenderTextAnchor anchor)
{
  float w, h, x0, y0;
  if (text->surface == NULL)
    return;
  if (text->dirty || text->texture == 0)
    upload (text);

  w = (float) text->width;
  h = (float) text->height;
  switch (anchor)
    {
    case RENDER_TEXT_ANCHOR_BOTTOM_LEFT:   x0 = x_px;            y0 = y_px - h;        break;
    case RENDER_TEXT_ANCHOR_BOTTOM_CENTER: x0 = x_px - w / 2.0f; y0 = y_px - h;        break;
    case RENDER_TEXT_ANCHOR_CENTER:        x0 = x_px - w / 2.0f; y0 = y_px - h / 2.0f; break;
    case RENDER_TEXT_ANCHOR_TOP_LEFT:
    default:                               x0 = x_px;            y0 = y_px;            break;
    }
  x0 = floorf (x0);
  y0 = floorf (y0);
  const float quad[16] = {
    x0,     y0,     0.0f, 0.0f,
    x0 + w, y0,     1.0f, 0.0f,
    x0,     y0 + h, 0.0f, 1.0f,
    x0 + w, y0 + h, 1.0f, 1.0f,
  };

  glUseProgram (programs->text);
  render_program_set_vec2 (programs->text, "u_viewport", (float) viewport_width, (float) viewport_height);
  render_program_set_int (programs->text, "u_texture", 0);
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_2D, text->texture);
  glBindBuffer (GL_ARRAY_BUFFER, text->vbo);
  glBufferSubData (GL_ARRAY_BUFFER, 0, sizeof quad, quad);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  glBlendFunc (GL_ONE, GL_ONE_MINUS_SRC_ALPHA);   /* cairo's premultiplied alpha */
  glBindVertexArray (text->vao);
  glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray (0);
  glBlendFunc (GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
}

void
render_text_release (RenderText *text)
{
  if (text->texture != 0)
    {
      glDeleteTextures (1, &text->texture);
      glDeleteBuffers (1, &text->vbo);
      glDeleteVertexArrays (1, &text->vao);
    }
  text->texture = text->vbo = text->vao = 0;
  text->dirty = TRUE;
}
