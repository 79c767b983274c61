/* render-program.h — GLSL programs compiled from the GResource.
 *
 * Call only with a current GL context (between GtkGLArea realize and unrealize).
 * Shader sources live in resources/shaders/ and are reached by their resource path. */
#pragma once

#include <glib.h>
#include <epoxy/gl.h>

G_BEGIN_DECLS

#define RENDER_PROGRAM_ERROR (render_program_error_quark ())
GQuark render_program_error_quark (void);

typedef enum {
  RENDER_PROGRAM_ERROR_SOURCE,   /* shader source missing from the resources */
  RENDER_PROGRAM_ERROR_COMPILE,  /* the driver refused a shader: message holds its log */
  RENDER_PROGRAM_ERROR_LINK,
} RenderProgramError;

/* The programs every layer may use, owned by RenderView. */
typedef struct {
  GLuint mesh;      /* shaders/mesh.{vert,frag}.glsl */
  GLuint lines;     /* shaders/lines.{vert,frag}.glsl */
  GLuint markers;   /* shaders/markers.{vert,frag}.glsl */
  GLuint text;      /* shaders/text.{vert,frag}.glsl */
} RenderPrograms;

/* Compiles and links "<base>.vert.glsl" and "<base>.frag.glsl" under
 * /io/github/microcam/Microcam/shaders/. Returns 0 and sets error on failure. */
GLuint   render_program_new        (const char *base, GError **error);

gboolean render_programs_init      (RenderPrograms *programs, GError **error);
void     render_programs_clear     (RenderPrograms *programs);

/* glGetUniformLocation shorthands: set a uniform on the program currently in use. */
void     render_program_set_mat4   (GLuint program, const char *name, const float *m);
void     render_program_set_vec2   (GLuint program, const char *name, float x, float y);
void     render_program_set_vec3   (GLuint program, const char *name, const float *v);
void     render_program_set_float  (GLuint program, const char *name, float v);
void     render_program_set_int    (GLuint program, const char *name, int v);

G_END_DECLS
