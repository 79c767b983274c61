/* cam-json-field.h — typed field reads from a json-glib object for the library loaders
 * (materials, tools, machines). Errors name the field; the loader adds file and entry. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A finite number. Missing: *out = fallback when !required, else an error. */
gboolean cam_json_field_double  (JsonObject *obj, const char *field, gboolean required, double fallback,
                                 double *out, GError **error);
gboolean cam_json_field_int     (JsonObject *obj, const char *field, gboolean required, int fallback,
                                 int *out, GError **error);
gboolean cam_json_field_boolean (JsonObject *obj, const char *field, gboolean required, gboolean fallback,
                                 gboolean *out, GError **error);
/* A string (newly allocated); missing and !required → *out = g_strdup (fallback) (may be NULL). */
gboolean cam_json_field_string  (JsonObject *obj, const char *field, gboolean required, const char *fallback,
                                 char **out, GError **error);
/* [min, max] with 0 ≤ min ≤ max; missing and !required → 0, 0. */
gboolean cam_json_field_range   (JsonObject *obj, const char *field, gboolean required,
                                 double *min, double *max, GError **error);
/* A member object; missing and !required → NULL without error. */
gboolean cam_json_field_object  (JsonObject *obj, const char *field, gboolean required,
                                 JsonObject **out, GError **error);

G_END_DECLS
