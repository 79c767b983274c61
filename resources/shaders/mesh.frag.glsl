#version 330 core
/* Two-sided Blinn-Phong with a key, a fill and a head light, in view space.
 * Back faces (the inside of an open or inverted mesh) get their own colour. */
in vec3 v_view_pos;

uniform vec3 u_color;
uniform vec3 u_back_color;
uniform bool u_orthographic;
uniform float u_alpha;          /* 1: solid; below 1: x-ray (render-mesh.h) */

out vec4 frag_color;

void main ()
{
  vec3 n = normalize (cross (dFdx (v_view_pos), dFdy (v_view_pos)));
  vec3 to_eye = u_orthographic ? vec3 (0.0, 0.0, 1.0) : normalize (-v_view_pos);
  if (dot (n, to_eye) < 0.0)
    n = -n;
  vec3 base = gl_FrontFacing ? u_color : u_back_color;
  vec3 key = normalize (vec3 (-0.45, 0.65, 0.62));
  vec3 fill = normalize (vec3 (0.7, -0.1, 0.5));
  float diffuse = 0.50 * max (dot (n, key), 0.0) + 0.24 * max (dot (n, to_eye), 0.0)
                + 0.22 * max (dot (n, fill), 0.0);
  vec3 h = normalize (key + to_eye);
  float specular = 0.22 * pow (max (dot (n, h), 0.0), 48.0);
  frag_color = vec4 (base * (0.30 + diffuse) + vec3 (specular), u_alpha);
}
