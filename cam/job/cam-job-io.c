/* cam-job-io.c — job ⇄ JSON with json-glib (format in cam-job-io.h). */
#include "cam-job-io.h"
#include "cam-json-write.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cam-error.h"

/* ---------- writing ---------- */

static void
add_str (JsonBuilder *b, const char *key, const char *v)
{
  json_builder_set_member_name (b, key);
  if (v)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b, const char *key, gboolean v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, v);
}

static void
arr_num (JsonBuilder *b, double v)
{
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

static const char *coolant_names[] = { "off", "mist", "flood" };
static const char *entry_names[] = { "helix", "ramp", "plunge" };
static const char *cycle_names[] = { "G80", "G81", "G82", "G83", "G73" };

static const char *
move_word (const CamMove *m)
{
  switch ((CamMoveType) m->type)
    {
    case CAM_MOVE_RAPID: return "G0";
    case CAM_MOVE_FEED: return "G1";
    case CAM_MOVE_ARC_CW: return "G2";
    case CAM_MOVE_ARC_CCW: return "G3";
    case CAM_MOVE_DWELL: return "G4";
    case CAM_MOVE_CYCLE:
    default:
      return m->cycle < G_N_ELEMENTS (cycle_names) ? cycle_names[m->cycle] : "G81";
    }
}

static void
add_toolpath (JsonBuilder *b, const CamToolpath *tp)
{
  json_builder_set_member_name (b, "toolpath");
  if (tp == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  cam_json_add_vec3 (b, "start", tp->start);
  json_builder_set_member_name (b, "moves");
  json_builder_begin_array (b);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      json_builder_begin_array (b);
      if (m->type == CAM_MOVE_CYCLE && m->retract == CAM_RETRACT_OLD_Z)
        {
          g_autofree char *w = g_strdup_printf ("%s/G98", move_word (m));
          json_builder_add_string_value (b, w);
        }
      else
        json_builder_add_string_value (b, move_word (m));
      arr_num (b, m->x);
      arr_num (b, m->y);
      arr_num (b, m->z);
      double a = NAN, c = NAN;
      if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
        a = m->cx, c = m->cy;
      else if (m->type == CAM_MOVE_CYCLE)
        a = m->r_z, c = m->cycle == CAM_CYCLE_DRILL_DWELL ? m->dwell_s : m->q_mm;
      else if (m->type == CAM_MOVE_DWELL)
        a = m->dwell_s;
      arr_num (b, a);
      arr_num (b, c);
      arr_num (b, m->feed_mm_min);
      arr_num (b, m->rpm);
      json_builder_add_int_value (b, m->flags);
      arr_num (b, m->ap_mm);
      arr_num (b, m->ae_mm);
      arr_num (b, m->fz_mm);
      arr_num (b, m->force_n);
      arr_num (b, m->deflection_um);
      arr_num (b, m->safety_factor);
      arr_num (b, m->ra_um);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_op (JsonBuilder *b, const CamJob *job, const CamJobOp *op)
{
  json_builder_begin_object (b);
  add_str (b, "id", op->id);
  add_str (b, "kind", cam_job_op_kind_to_string (op->kind));
  json_builder_set_member_name (b, "tool");
  json_builder_add_int_value (b, cam_job_tool (job, op->tool)->number);
  add_bool (b, "enabled", op->enabled);
  add_str (b, "features", op->feature_id);
  cam_json_add_number_or_null (b, "feed_mm_min", op->feed_mm_min);
  cam_json_add_number_or_null (b, "plunge_mm_min", op->plunge_mm_min);
  cam_json_add_number_or_null (b, "rpm", op->rpm);
  cam_json_add_number_or_null (b, "top_z", op->top_z);
  cam_json_add_number_or_null (b, "bottom_z", op->bottom_z);
  cam_json_add_number_or_null (b, "stepdown_mm", op->stepdown_mm);
  cam_json_add_number_or_null (b, "stepover_mm", op->stepover_mm);
  cam_json_add_number_or_null (b, "stock_to_leave_mm", op->stock_to_leave_mm);
  cam_json_add_number_or_null (b, "floor_stock_mm", op->floor_stock_mm);
  add_bool (b, "finish_walls", op->finish_walls);
  add_bool (b, "finish_floor", op->finish_floor);
  add_bool (b, "climb", op->climb);
  add_str (b, "entry", entry_names[CLAMP ((int) op->entry, 0, 2)]);
  cam_json_add_number_or_null (b, "ramp_angle_deg", op->ramp_angle_deg);
  add_str (b, "region", op->region_wkt);
  if (op->stepdown_reason)
    add_str (b, "stepdown_reason", op->stepdown_reason);
  add_str (b, "rest_from", op->rest_from_wkt);
  add_str (b, "side", op->side == CAM_SIDE_OUTSIDE ? "outside" : "inside");
  add_bool (b, "spring_pass", op->spring_pass);
  json_builder_set_member_name (b, "tabs");
  json_builder_add_int_value (b, op->tabs);
  cam_json_add_number_or_null (b, "tab_width_mm", op->tab_width_mm);
  cam_json_add_number_or_null (b, "tab_height_mm", op->tab_height_mm);
  json_builder_set_member_name (b, "holes");
  json_builder_begin_array (b);
  for (guint i = 0; i < op->holes->len; i++)
    {
      const CamJobHole *h = &g_array_index (op->holes, CamJobHole, i);
      json_builder_begin_object (b);
      cam_json_add_number_or_null (b, "x", h->x);
      cam_json_add_number_or_null (b, "y", h->y);
      cam_json_add_number_or_null (b, "diameter_mm", h->diameter_mm);
      cam_json_add_number_or_null (b, "top_z", h->top_z);
      cam_json_add_number_or_null (b, "bottom_z", h->bottom_z);
      add_bool (b, "through", h->through);
      add_str (b, "feature", h->feature_id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_str (b, "cycle", cycle_names[CLAMP ((int) op->cycle, 0, 4)]);
  json_builder_set_member_name (b, "pecks");
  json_builder_begin_array (b);
  for (guint i = 0; i < op->pecks->len; i++)
    json_builder_add_double_value (b, g_array_index (op->pecks, double, i));
  json_builder_end_array (b);
  add_bool (b, "explicit_pecks", op->explicit_pecks);
  cam_json_add_number_or_null (b, "dwell_s", op->dwell_s);
  cam_json_add_number_or_null (b, "spot_depth_mm", op->spot_depth_mm);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < op->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (op->warnings, i));
  json_builder_end_array (b);
  add_toolpath (b, op->toolpath);
  json_builder_end_object (b);
}

char *
cam_job_io_to_data (const CamJob *job, gboolean pretty)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_str (b, "format", CAM_JOB_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, CAM_JOB_VERSION);
  json_builder_set_member_name (b, "part");
  json_builder_begin_object (b);
  add_str (b, "path", job->part_path);
  add_str (b, "sha256", job->part_sha256);
  cam_json_add_vec3 (b, "min", job->part_min);
  cam_json_add_vec3 (b, "max", job->part_max);
  json_builder_end_object (b);
  add_str (b, "material", job->material_id);
  add_str (b, "machine", job->machine_id);
  json_builder_set_member_name (b, "stock");
  json_builder_begin_object (b);
  cam_json_add_vec3 (b, "min", job->stock_min);
  cam_json_add_vec3 (b, "max", job->stock_max);
  json_builder_end_object (b);
  add_str (b, "origin", cam_origin_to_string (job->origin));
  cam_json_add_vec3 (b, "work_offset", job->work_offset);
  cam_json_add_number_or_null (b, "clearance_mm", job->clearance_mm);
  cam_json_add_number_or_null (b, "retract_mm", job->retract_mm);
  cam_json_add_number_or_null (b, "tolerance_mm", job->tolerance_mm);
  cam_json_add_number_or_null (b, "finish_ra_um", job->finish_ra_um);
  json_builder_set_member_name (b, "tools");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->tools->len; i++)
    {
      const CamJobTool *t = cam_job_tool (job, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "number");
      json_builder_add_int_value (b, t->number);
      add_str (b, "spec", t->spec);
      cam_json_add_number_or_null (b, "max_ramp_deg", t->max_ramp_deg);
      add_str (b, "coolant", coolant_names[CLAMP ((int) t->coolant, 0, 2)]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "operations");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->ops->len; i++)
    add_op (b, job, cam_job_op (job, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "unreachable");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      json_builder_begin_object (b);
      add_str (b, "feature", u->feature_id);
      add_str (b, "reason", u->reason);
      cam_json_add_number_or_null (b, "x", u->x);
      cam_json_add_number_or_null (b, "y", u->y);
      cam_json_add_number_or_null (b, "area_mm2", u->area_mm2);
      if (u->process)
        add_str (b, "process", u->process);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

gboolean
cam_job_io_save (const CamJob *job, const char *path, GError **error)
{
  g_autofree char *text = cam_job_io_to_data (job, TRUE);
  g_autoptr (GError) local = NULL;
  if (!g_file_set_contents (path, text, -1, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write job %s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---------- reading ---------- */

typedef struct {
  const char *name;
  GError **error;
  gboolean failed;
} Reader;

static void
fail (Reader *r, const char *path, const char *what)
{
  if (r->failed)
    return;
  r->failed = TRUE;
  g_set_error (r->error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: %s: %s", r->name, path, what);
}

static JsonNode *
member (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required)
{
  JsonNode *n = o ? json_object_get_member (o, key) : NULL;
  if (n == NULL && required)
    {
      g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
      fail (r, p, "missing");
    }
  return n;
}

static double
get_num (Reader *r, JsonObject *o, const char *path, const char *key, double dflt)
{
  JsonNode *n = member (r, o, path, key, FALSE);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return dflt;
  GType t = json_node_get_value_type (n);
  if (!JSON_NODE_HOLDS_VALUE (n) || (t != G_TYPE_DOUBLE && t != G_TYPE_INT64))
    {
      g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
      fail (r, p, "expected a number");
      return dflt;
    }
  return json_node_get_double (n);
}

static gboolean
get_bool (Reader *r, JsonObject *o, const char *path, const char *key, gboolean dflt)
{
  JsonNode *n = member (r, o, path, key, FALSE);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return dflt;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
      fail (r, p, "expected true or false");
      return dflt;
    }
  return json_node_get_boolean (n);
}

static const char *
get_str (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required)
{
  JsonNode *n = member (r, o, path, key, required);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (n && required)
        {
          g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
          fail (r, p, "must not be null");
        }
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
      fail (r, p, "expected a string");
      return NULL;
    }
  return json_node_get_string (n);
}

static void
get_vec3 (Reader *r, JsonObject *o, const char *path, const char *key, double out[3])
{
  JsonNode *n = member (r, o, path, key, TRUE);
  g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
  if (n == NULL)
    return;
  JsonArray *a = JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  if (a == NULL || json_array_get_length (a) != 3)
    {
      fail (r, p, "expected [x, y, z]");
      return;
    }
  for (int k = 0; k < 3; k++)
    {
      JsonNode *e = json_array_get_element (a, k);
      if (!JSON_NODE_HOLDS_VALUE (e) || (json_node_get_value_type (e) != G_TYPE_DOUBLE
                                          && json_node_get_value_type (e) != G_TYPE_INT64))
        {
          fail (r, p, "expected [x, y, z] numbers");
          return;
        }
      out[k] = json_node_get_double (e);
    }
}

static JsonArray *
get_array (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required)
{
  JsonNode *n = member (r, o, path, key, required);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      g_autofree char *p = g_strdup_printf ("%s%s%s", path, *path ? "." : "", key);
      fail (r, p, "expected an array");
      return NULL;
    }
  return json_node_get_array (n);
}

static JsonObject *
element_object (Reader *r, JsonArray *a, guint i, const char *path)
{
  JsonNode *n = json_array_get_element (a, i);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      fail (r, path, "expected an object");
      return NULL;
    }
  return json_node_get_object (n);
}

static int
index_of (const char *const *names, guint n, const char *s)
{
  for (guint i = 0; s && i < n; i++)
    if (g_str_equal (names[i], s))
      return (int) i;
  return -1;
}

static double
elem_num (JsonArray *a, guint i)
{
  if (i >= json_array_get_length (a))
    return NAN;
  JsonNode *n = json_array_get_element (a, i);
  if (!JSON_NODE_HOLDS_VALUE (n))
    return NAN;
  GType t = json_node_get_value_type (n);
  return t == G_TYPE_DOUBLE || t == G_TYPE_INT64 ? json_node_get_double (n) : NAN;
}

static CamToolpath *
read_toolpath (Reader *r, JsonObject *o, const char *path)
{
  CamToolpath *tp = cam_toolpath_new ();
  get_vec3 (r, o, path, "start", tp->start);
  JsonArray *moves = get_array (r, o, path, "moves", TRUE);
  for (guint i = 0; moves && i < json_array_get_length (moves) && !r->failed; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s.moves[%u]", path, i);
      JsonNode *n = json_array_get_element (moves, i);
      JsonArray *a = JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
      JsonNode *w0 = a && json_array_get_length (a) >= 4 ? json_array_get_element (a, 0) : NULL;
      const char *w = w0 && JSON_NODE_HOLDS_VALUE (w0) && json_node_get_value_type (w0) == G_TYPE_STRING
                      ? json_node_get_string (w0) : NULL;
      if (w == NULL)
        {
          fail (r, p, "expected [\"G0|G1|…\", x, y, z, …]");
          break;
        }
      CamMove m = cam_move_init (CAM_MOVE_RAPID, elem_num (a, 1), elem_num (a, 2), elem_num (a, 3));
      if (!isfinite (m.x) || !isfinite (m.y) || !isfinite (m.z))
        {
          fail (r, p, "x, y, z must be numbers");
          break;
        }
      double av = elem_num (a, 4), bv = elem_num (a, 5);
      gboolean g98 = g_str_has_suffix (w, "/G98");
      g_autofree char *word = g_strndup (w, g98 ? strlen (w) - 4 : strlen (w));
      int cyc = index_of (cycle_names, G_N_ELEMENTS (cycle_names), word);
      if (g_str_equal (word, "G0"))
        m.type = CAM_MOVE_RAPID;
      else if (g_str_equal (word, "G1"))
        m.type = CAM_MOVE_FEED;
      else if (g_str_equal (word, "G2") || g_str_equal (word, "G3"))
        {
          m.type = word[1] == '2' ? CAM_MOVE_ARC_CW : CAM_MOVE_ARC_CCW;
          m.cx = av, m.cy = bv;
          if (!isfinite (av) || !isfinite (bv))
            {
              fail (r, p, "an arc needs its centre");
              break;
            }
        }
      else if (g_str_equal (word, "G4"))
        {
          m.type = CAM_MOVE_DWELL;
          m.dwell_s = av;
        }
      else if (cyc > 0)
        {
          m.type = CAM_MOVE_CYCLE;
          m.cycle = cyc;
          m.retract = g98 ? CAM_RETRACT_OLD_Z : CAM_RETRACT_R_PLANE;
          m.r_z = av;
          if (!isfinite (av) || (cyc != CAM_CYCLE_DRILL_DWELL && isfinite (bv) && (bv < 0 || (bv > 0 && bv < 1e-4))))
            {
              fail (r, p, "a cycle needs a finite R plane and a Q of 0 or at least 0.0001 mm");
              break;
            }
          if (cyc == CAM_CYCLE_DRILL_DWELL)
            m.dwell_s = bv, m.q_mm = 0;
          else
            m.q_mm = isfinite (bv) ? bv : 0;
        }
      else
        {
          g_autofree char *msg = g_strdup_printf ("unknown move type \"%s\"", w);
          fail (r, p, msg);
          break;
        }
      m.feed_mm_min = elem_num (a, 6);
      m.rpm = elem_num (a, 7);
      double fl = elem_num (a, 8);
      m.flags = isfinite (fl) ? (guint32) fl : 0;
      m.ap_mm = elem_num (a, 9);
      m.ae_mm = elem_num (a, 10);
      m.fz_mm = elem_num (a, 11);
      m.force_n = elem_num (a, 12);
      m.deflection_um = elem_num (a, 13);
      m.safety_factor = elem_num (a, 14);
      m.ra_um = elem_num (a, 15);
      cam_toolpath_append (tp, &m);
    }
  return tp;
}

static void
read_op (Reader *r, CamJob *job, JsonObject *o, const char *path)
{
  const char *kind_s = get_str (r, o, path, "kind", TRUE);
  CamJobOpKind kind;
  if (r->failed)
    return;
  if (!cam_job_op_kind_from_string (kind_s, &kind))
    {
      g_autofree char *p = g_strdup_printf ("%s.kind", path);
      fail (r, p, "expected spot, drill, peck, pocket, profile, face or helix");
      return;
    }
  double tnum = get_num (r, o, path, "tool", NAN);
  int tindex = -1;
  for (guint i = 0; i < job->tools->len; i++)
    if (isfinite (tnum) && cam_job_tool (job, i)->number == (guint) tnum)
      tindex = i;
  if (tindex < 0)
    {
      g_autofree char *p = g_strdup_printf ("%s.tool", path);
      fail (r, p, "not the number of a tool in \"tools\"");
      return;
    }
  CamJobOp *op = cam_job_add_op (job, kind, tindex);
  const char *id = get_str (r, o, path, "id", FALSE);
  if (id)
    {
      g_free (op->id);
      op->id = g_strdup (id);
    }
  op->enabled = get_bool (r, o, path, "enabled", TRUE);
  op->feature_id = g_strdup (get_str (r, o, path, "features", FALSE));
  op->feed_mm_min = get_num (r, o, path, "feed_mm_min", NAN);
  op->plunge_mm_min = get_num (r, o, path, "plunge_mm_min", NAN);
  op->rpm = get_num (r, o, path, "rpm", NAN);
  op->top_z = get_num (r, o, path, "top_z", 0);
  op->bottom_z = get_num (r, o, path, "bottom_z", 0);
  op->stepdown_mm = get_num (r, o, path, "stepdown_mm", NAN);
  op->stepover_mm = get_num (r, o, path, "stepover_mm", NAN);
  op->stock_to_leave_mm = get_num (r, o, path, "stock_to_leave_mm", 0);
  op->floor_stock_mm = get_num (r, o, path, "floor_stock_mm", 0);
  op->finish_walls = get_bool (r, o, path, "finish_walls", TRUE);
  op->finish_floor = get_bool (r, o, path, "finish_floor", TRUE);
  op->climb = get_bool (r, o, path, "climb", TRUE);
  int e = index_of (entry_names, G_N_ELEMENTS (entry_names), get_str (r, o, path, "entry", FALSE));
  op->entry = e < 0 ? CAM_ENTRY_HELIX : (CamEntry) e;
  op->ramp_angle_deg = get_num (r, o, path, "ramp_angle_deg", NAN);
  op->region_wkt = g_strdup (get_str (r, o, path, "region", FALSE));
  op->stepdown_reason = g_strdup (get_str (r, o, path, "stepdown_reason", FALSE));
  op->rest_from_wkt = g_strdup (get_str (r, o, path, "rest_from", FALSE));
  const char *side = get_str (r, o, path, "side", FALSE);
  op->side = side && g_str_equal (side, "outside") ? CAM_SIDE_OUTSIDE : CAM_SIDE_INSIDE;
  op->spring_pass = get_bool (r, o, path, "spring_pass", FALSE);
  op->tabs = (guint) MAX (get_num (r, o, path, "tabs", 0), 0);
  op->tab_width_mm = get_num (r, o, path, "tab_width_mm", 0.5);
  op->tab_height_mm = get_num (r, o, path, "tab_height_mm", 0.1);
  int c = index_of (cycle_names, G_N_ELEMENTS (cycle_names), get_str (r, o, path, "cycle", FALSE));
  if (c > 0)
    op->cycle = (CamCycle) c;
  op->explicit_pecks = get_bool (r, o, path, "explicit_pecks", FALSE);
  op->dwell_s = get_num (r, o, path, "dwell_s", 0);
  op->spot_depth_mm = get_num (r, o, path, "spot_depth_mm", 0);
  JsonArray *pecks = get_array (r, o, path, "pecks", FALSE);
  for (guint i = 0; pecks && i < json_array_get_length (pecks); i++)
    {
      double v = elem_num (pecks, i);
      if (!(v > 0))
        {
          g_autofree char *p = g_strdup_printf ("%s.pecks[%u]", path, i);
          fail (r, p, "expected a positive peck depth");
          return;
        }
      g_array_append_val (op->pecks, v);
    }
  JsonArray *holes = get_array (r, o, path, "holes", FALSE);
  for (guint i = 0; holes && i < json_array_get_length (holes) && !r->failed; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s.holes[%u]", path, i);
      JsonObject *ho = element_object (r, holes, i, p);
      if (!ho)
        return;
      CamJobHole h = { 0 };
      h.x = get_num (r, ho, p, "x", NAN);
      h.y = get_num (r, ho, p, "y", NAN);
      h.diameter_mm = get_num (r, ho, p, "diameter_mm", NAN);
      h.top_z = get_num (r, ho, p, "top_z", 0);
      h.bottom_z = get_num (r, ho, p, "bottom_z", NAN);
      h.through = get_bool (r, ho, p, "through", FALSE);
      h.feature_id = (char *) get_str (r, ho, p, "feature", FALSE);
      if (!isfinite (h.x) || !isfinite (h.y) || !(h.diameter_mm > 0) || !isfinite (h.bottom_z))
        {
          fail (r, p, "x, y, bottom_z and a positive diameter_mm are required");
          return;
        }
      cam_job_op_add_hole (op, &h);
    }
  JsonArray *warn = get_array (r, o, path, "warnings", FALSE);
  for (guint i = 0; warn && i < json_array_get_length (warn); i++)
    {
      JsonNode *n = json_array_get_element (warn, i);
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        g_ptr_array_add (op->warnings, g_strdup (json_node_get_string (n)));
    }
  JsonNode *tpn = member (r, o, path, "toolpath", FALSE);
  if (tpn && JSON_NODE_HOLDS_OBJECT (tpn))
    {
      g_autofree char *p = g_strdup_printf ("%s.toolpath", path);
      CamToolpath *tp = read_toolpath (r, json_node_get_object (tpn), p);
      /* tool table as the job's, moves on the op's tool */
      for (guint i = 0; i < job->tools->len; i++)
        {
          const CamJobTool *t = cam_job_tool (job, i);
          cam_toolpath_add_tool (tp, t->number, t->tool->d_mm, t->spec, t->spec, t->coolant);
        }
      for (guint i = 0; i < tp->moves->len; i++)
        cam_toolpath_move (tp, i)->tool_index = op->tool;
      op->toolpath = tp;
    }
}

CamJob *
cam_job_io_from_data (const char *data, gssize length, const char *name, const CamLibrary *lib, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: not JSON: %s", name, local->message);
      return NULL;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: a job file is one JSON object", name);
      return NULL;
    }
  JsonObject *o = json_node_get_object (root);
  Reader r = { .name = name, .error = error };
  const char *format = get_str (&r, o, "", "format", TRUE);
  if (r.failed)
    return NULL;
  if (!g_str_equal (format, CAM_JOB_FORMAT))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: format is \"%s\", not \"%s\"", name, format,
                   CAM_JOB_FORMAT);
      return NULL;
    }
  double version = get_num (&r, o, "", "version", NAN);
  if (r.failed)
    return NULL;
  if (!(version >= 1) || version > CAM_JOB_VERSION)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_UNSUPPORTED, "%s: job version %g is not one this microcam reads (1)",
                   name, version);
      return NULL;
    }
  g_autoptr (CamJob) job = cam_job_new ();
  JsonNode *pn = member (&r, o, "", "part", TRUE);
  if (pn && JSON_NODE_HOLDS_OBJECT (pn))
    {
      JsonObject *po = json_node_get_object (pn);
      job->part_path = g_strdup (get_str (&r, po, "part", "path", FALSE));
      job->part_sha256 = g_strdup (get_str (&r, po, "part", "sha256", FALSE));
      get_vec3 (&r, po, "part", "min", job->part_min);
      get_vec3 (&r, po, "part", "max", job->part_max);
    }
  else if (pn)
    fail (&r, "part", "expected an object");
  job->material_id = g_strdup (get_str (&r, o, "", "material", TRUE));
  job->machine_id = g_strdup (get_str (&r, o, "", "machine", TRUE));
  JsonNode *sn = member (&r, o, "", "stock", TRUE);
  if (sn && JSON_NODE_HOLDS_OBJECT (sn))
    {
      get_vec3 (&r, json_node_get_object (sn), "stock", "min", job->stock_min);
      get_vec3 (&r, json_node_get_object (sn), "stock", "max", job->stock_max);
    }
  else if (sn)
    fail (&r, "stock", "expected an object");
  CamOrigin origin = CAM_ORIGIN_MODEL;
  const char *os = get_str (&r, o, "", "origin", FALSE);
  if (os && !cam_origin_from_string (os, &origin))
    fail (&r, "origin", "expected model, corner or center");
  get_vec3 (&r, o, "", "work_offset", job->work_offset);
  job->origin = origin;
  job->clearance_mm = get_num (&r, o, "", "clearance_mm", 2.0);
  job->retract_mm = get_num (&r, o, "", "retract_mm", 0.2);
  job->tolerance_mm = get_num (&r, o, "", "tolerance_mm", 0.01);
  job->finish_ra_um = get_num (&r, o, "", "finish_ra_um", 0.8);
  JsonArray *tools = get_array (&r, o, "", "tools", TRUE);
  for (guint i = 0; tools && i < json_array_get_length (tools) && !r.failed; i++)
    {
      g_autofree char *p = g_strdup_printf ("tools[%u]", i);
      JsonObject *to = element_object (&r, tools, i, p);
      if (!to)
        break;
      const char *spec = get_str (&r, to, p, "spec", TRUE);
      if (r.failed)
        break;
      const CamTool *found = lib ? cam_library_find_tool (lib, spec) : NULL;
      g_autoptr (CamTool) made = NULL;
      if (!found)
        {
          g_autoptr (GError) te = NULL;
          made = cam_tool_new_from_spec (spec, &te);
          if (!made)
            {
              g_autofree char *ps = g_strdup_printf ("%s.spec", p);
              fail (&r, ps, te->message);
              break;
            }
        }
      guint idx = cam_job_add_tool (job, spec, found ? found : made);
      CamJobTool *t = cam_job_tool (job, idx);
      double num = get_num (&r, to, p, "number", t->number);
      t->number = num >= 1 ? (guint) num : t->number;
      t->max_ramp_deg = get_num (&r, to, p, "max_ramp_deg", t->max_ramp_deg);
      int c = index_of (coolant_names, G_N_ELEMENTS (coolant_names), get_str (&r, to, p, "coolant", FALSE));
      if (c >= 0)
        t->coolant = (CamCoolant) c;
    }
  JsonArray *ops = get_array (&r, o, "", "operations", TRUE);
  for (guint i = 0; ops && i < json_array_get_length (ops) && !r.failed; i++)
    {
      g_autofree char *p = g_strdup_printf ("operations[%u]", i);
      JsonObject *oo = element_object (&r, ops, i, p);
      if (oo)
        read_op (&r, job, oo, p);
    }
  JsonArray *un = get_array (&r, o, "", "unreachable", FALSE);
  for (guint i = 0; un && i < json_array_get_length (un) && !r.failed; i++)
    {
      g_autofree char *p = g_strdup_printf ("unreachable[%u]", i);
      JsonObject *uo = element_object (&r, un, i, p);
      if (!uo)
        break;
      CamUnreachable *u = cam_job_add_unreachable (job, get_str (&r, uo, p, "feature", FALSE),
                                                   get_str (&r, uo, p, "reason", FALSE), get_num (&r, uo, p, "x", 0),
                                                   get_num (&r, uo, p, "y", 0), get_num (&r, uo, p, "area_mm2", 0));
      u->process = g_strdup (get_str (&r, uo, p, "process", FALSE));
    }
  if (r.failed)
    return NULL;
  gboolean any = FALSE;
  for (guint i = 0; i < job->ops->len; i++)
    any |= cam_job_op (job, i)->toolpath != NULL;
  if (any)
    cam_job_join_toolpaths (job);
  return g_steal_pointer (&job);
}

CamJob *
cam_job_io_load (const char *path, const CamLibrary *lib, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot read job %s: %s", path, local->message);
      return NULL;
    }
  return cam_job_io_from_data (data, len, path, lib, error);
}

gboolean
cam_job_io_part_unchanged (const CamJob *job, char **why)
{
  if (job->part_path == NULL || job->part_sha256 == NULL)
    return TRUE;
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (job->part_path, &data, &len, &error))
    {
      *why = g_strdup_printf ("the job's part %s cannot be read: %s", job->part_path, error->message);
      return FALSE;
    }
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (g_strcmp0 (sum, job->part_sha256) != 0)
    {
      *why = g_strdup_printf ("the part %s has changed since the job was planned: regenerate the "
                              "toolpaths before trusting them", job->part_path);
      return FALSE;
    }
  return TRUE;
}
