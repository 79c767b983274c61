#version 330 core
/* Line segments with a colour per vertex; a_distance is the length (mm) along the
 * polyline, used to dash rapids at a constant size on screen. */
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_color;
layout(location = 2) in float a_distance;

uniform mat4 u_view_proj;

out vec4 v_color;
out float v_distance;

void main ()
{
  gl_Position = u_view_proj * vec4 (a_position, 1.0);
  v_color = a_color;
  v_distance = a_distance;
}
