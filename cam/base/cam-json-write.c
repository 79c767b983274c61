/* cam-json-write.c — see cam-json-write.h. */
#include "cam-json-write.h"

#include <math.h>

void
cam_json_add_vec3 (JsonBuilder *b, const char *key, const double v[3])
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (int k = 0; k < 3; k++)
    json_builder_add_double_value (b, v[k]);
  json_builder_end_array (b);
}

void
cam_json_add_number_or_null (JsonBuilder *b, const char *key, double v)
{
  json_builder_set_member_name (b, key);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

void
cam_json_add_number_if_finite (JsonBuilder *b, const char *key, double v)
{
  if (!isfinite (v))
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, v);
}

void
cam_json_add_string_if_set (JsonBuilder *b, const char *key, const char *v)
{
  if (v == NULL)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, v);
}
