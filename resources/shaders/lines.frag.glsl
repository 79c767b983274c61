#version 330 core
in vec4 v_color;
in float v_distance;

uniform int u_style;          /* 0 solid, 1 dashed, 2 thin (faded) */
uniform float u_mm_per_px;
uniform float u_dash_px;

out vec4 frag_color;

void main ()
{
  vec4 c = v_color;
  if (u_style == 1 && mod (v_distance / u_mm_per_px, 2.0 * u_dash_px) > u_dash_px)
    discard;
  if (u_style == 2)
    c.a *= 0.4;
  frag_color = c;
}
