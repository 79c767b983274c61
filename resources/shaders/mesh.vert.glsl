#version 330 core
/* The part: positions only; facet normals come from screen-space derivatives in
 * mesh.frag, so the indexed mesh needs no per-corner normals (flat, honest facets). */
layout(location = 0) in vec3 a_position;

uniform mat4 u_view;
uniform mat4 u_proj;

out vec3 v_view_pos;

void main ()
{
  vec4 p = u_view * vec4 (a_position, 1.0);
  v_view_pos = p.xyz;
  gl_Position = u_proj * p;
}
