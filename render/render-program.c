/* render-program.c — compile and link GLSL programs from the GResource. */
#include "render-program.h"

#include <gio/gio.h>

#define SHADER_PREFIX "/io/github/microcam/Microcam/shaders/"

G_DEFINE_QUARK (render-program-error-quark, render_program_error)

static GLuint
compile_shader (GLenum type, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  const char *src;
  GLint len, ok = GL_FALSE;
  GLuint shader;
  gsize size;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (bytes == NULL)
    {
      g_set_error (error, RENDER_PROGRAM_ERROR, RENDER_PROGRAM_ERROR_SOURCE,
                   "Shader %s is missing from the application resources: %s", path, local->message);
      return 0;
    }
  src = g_bytes_get_data (bytes, &size);
  len = (GLint) size;

  shader = glCreateShader (type);
  glShaderSource (shader, 1, &src, &len);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE)
    {
      GLint log_len = 0;
      glGetShaderiv (shader, GL_INFO_LOG_LENGTH, &log_len);
      g_autofree char *log = g_malloc0 ((gsize) MAX (log_len, 1) + 1);
      glGetShaderInfoLog (shader, log_len, NULL, log);
      g_set_error (error, RENDER_PROGRAM_ERROR, RENDER_PROGRAM_ERROR_COMPILE,
                   "Shader %s does not compile: %s", path, log);
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

GLuint
render_program_new (const char *base, GError **error)
{
  g_autofree char *vpath = g_strconcat (SHADER_PREFIX, base, ".vert.glsl", NULL);
  g_autofree char *fpath = g_strconcat (SHADER_PREFIX, base, ".frag.glsl", NULL);
  GLuint vs, fs, program;
  GLint ok = GL_FALSE;

  vs = compile_shader (GL_VERTEX_SHADER, vpath, error);
  if (vs == 0)
    return 0;
  fs = compile_shader (GL_FRAGMENT_SHADER, fpath, error);
  if (fs == 0)
    {
      glDeleteShader (vs);
      return 0;
    }

  program = glCreateProgram ();
  glAttachShader (program, vs);
  glAttachShader (program, fs);
  glLinkProgram (program);
  glGetProgramiv (program, GL_LINK_STATUS, &ok);
  glDetachShader (program, vs);
  glDetachShader (program, fs);
  glDeleteShader (vs);
  glDeleteShader (fs);
  if (ok != GL_TRUE)
    {
      GLint log_len = 0;
      glGetProgramiv (program, GL_INFO_LOG_LENGTH, &log_len);
      g_autofree char *log = g_malloc0 ((gsize) MAX (log_len, 1) + 1);
      glGetProgramInfoLog (program, log_len, NULL, log);
      g_set_error (error, RENDER_PROGRAM_ERROR, RENDER_PROGRAM_ERROR_LINK,
                   "Shader program %s does not link: %s", base, log);
      glDeleteProgram (program);
      return 0;
    }
  return program;
}

gboolean
render_programs_init (RenderPrograms *programs, GError **error)
{
  if ((programs->mesh = render_program_new ("mesh", error)) == 0 ||
      (programs->lines = render_program_new ("lines", error)) == 0 ||
      (programs->markers = render_program_new ("markers", error)) == 0 ||
      (programs->text = render_program_new ("text", error)) == 0)
    {
      render_programs_clear (programs);
      return FALSE;
    }
  return TRUE;
}

void
render_programs_clear (RenderPrograms *programs)
{
  GLuint *all[] = { &programs->mesh, &programs->lines, &programs->markers, &programs->text };
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    if (*all[i] != 0)
      {
        glDeleteProgram (*all[i]);
        *all[i] = 0;
      }
}

void
render_program_set_mat4 (GLuint program, const char *name, const float *m)
{
  glUniformMatrix4fv (glGetUniformLocation (program, name), 1, GL_FALSE, m);
}

void
render_program_set_vec2 (GLuint program, const char *name, float x, float y)
{
  glUniform2f (glGetUniformLocation (program, name), x, y);
}

void
render_program_set_vec3 (GLuint program, const char *name, const float *v)
{
  glUniform3fv (glGetUniformLocation (program, name), 1, v);
}

void
render_program_set_float (GLuint program, const char *name, float v)
{
  glUniform1f (glGetUniformLocation (program, name), v);
}

void
render_program_set_int (GLuint program, const char *name, int v)
{
  glUniform1i (glGetUniformLocation (program, name), v);
}
