#version 330 core
/* Screen-space textured quads for labels; positions in pixels, top-left origin. */
layout(location = 0) in vec2 a_position_px;
layout(location = 1) in vec2 a_uv;

uniform vec2 u_viewport;

out vec2 v_uv;

void main ()
{
  gl_Position = vec4 (2.0 * a_position_px.x / u_viewport.x - 1.0,
                      1.0 - 2.0 * a_position_px.y / u_viewport.y, 0.0, 1.0);
  v_uv = a_uv;
}
