/* cam-json-write.h — the few JsonBuilder members every JSON writer here needs (CLI output, job
 * files), so each writer states what it writes rather than how. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* "key": [x, y, z] */
void cam_json_add_vec3            (JsonBuilder *b, const char *key, const double v[3]);
/* "key": v, or "key": null when v is NaN or infinite (the member is always there). */
void cam_json_add_number_or_null  (JsonBuilder *b, const char *key, double v);
/* "key": v, left out when v is NaN or infinite (NaN means "does not apply"). */
void cam_json_add_number_if_finite (JsonBuilder *b, const char *key, double v);
/* "key": "v", left out when v is NULL. */
void cam_json_add_string_if_set   (JsonBuilder *b, const char *key, const char *v);

G_END_DECLS
