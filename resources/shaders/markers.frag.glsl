#version 330 core
in vec4 v_color;
flat in int v_highlight;

out vec4 frag_color;

void main ()
{
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot (p, p);
  if (r2 > 1.0)
    discard;
  if (v_highlight == 1 && r2 > 0.62)
    {
      /* a ring: dark outside, white inside, readable on any background */
      frag_color = r2 > 0.82 ? vec4 (0.05, 0.05, 0.05, 1.0) : vec4 (1.0, 1.0, 1.0, 1.0);
      return;
    }
  vec3 n = vec3 (p.x, -p.y, sqrt (1.0 - r2));
  float light = 0.35 + 0.65 * max (dot (n, normalize (vec3 (-0.4, 0.5, 0.77))), 0.0);
  frag_color = vec4 (v_color.rgb * light, v_color.a);
}
