#version 330 core
/* Markers as round point sprites sized by their radius in mm (never below u_min_px). */
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_color;
layout(location = 2) in float a_radius;

uniform mat4 u_view_proj;
uniform float u_px_per_mm_at_w1;  /* proj[1][1] · viewport height / 2 */
uniform float u_min_px;
uniform int u_highlight;          /* index of the highlighted marker, −1 for none */

out vec4 v_color;
flat out int v_highlight;

void main ()
{
  vec4 clip = u_view_proj * vec4 (a_position, 1.0);
  gl_Position = clip;
  float px = max (2.0 * a_radius * u_px_per_mm_at_w1 / max (clip.w, 1e-6), u_min_px);
  v_highlight = gl_VertexID == u_highlight ? 1 : 0;
  if (v_highlight == 1)
    px = px * 1.4 + 6.0;
  gl_PointSize = px;
  v_color = a_color;
}
