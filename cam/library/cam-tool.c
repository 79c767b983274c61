/* cam-tool.c — tool geometry, defaults, the KIND:key=value spec and the JSON entry.
 *
 * Defaults (documented in cam-tool.h) follow common micro-tool geometry: a short flute length of
 * 1.5·D and 3 mm (≈1/8") shanks as in Harvey Tool and NS Tool miniature end-mill catalogues,
 * reduced necks a few per cent under D for long-reach tools, 140° points on carbide micro
 * drills, 90° spot drills.
 *
 * Tool-material constants:
 *   carbide (sub-micron WC–8…10 % Co): E ≈ 580–630 GPa, TRS 3.5–4.3 GPa —
 *     G. S. Upadhyaya, "Cemented Tungsten Carbides: Production, Properties and Testing",
 *     Noyes 1998, property tables for sub-micron grades; we use E 600 GPa, TRS 3800 MPa.
 *   HSS (M2, 62–64 HRC): E ≈ 207–217 GPa, bend strength ≈ 3–4 GPa —
 *     G. Roberts, G. Krauss, R. Kennedy, "Tool Steels", 5th ed., ASM International 1998;
 *     we use E 217 GPa, TRS 3000 MPa (lower end: the conservative side).
 *   Cutting-edge radius of new carbide micro end mills 1–5 µm (D. Dornfeld, S. Min,
 *     Y. Takeuchi, "Recent advances in mechanical micromachining", CIRP Annals 55(2), 2006);
 *     we default to 2 µm, and 5 µm for HSS (honed by grinding, blunter). */
#include "cam-tool.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"
#include "cam-json-field.h"

static const char *const kind_names[] = { "flat", "ball", "bull", "drill", "spot", "chamfer" };

const char *
cam_tool_kind_to_string (CamToolKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : "unknown";
}

gboolean
cam_tool_kind_from_string (const char *s, CamToolKind *out)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (s, kind_names[i]) == 0)
      {
        *out = (CamToolKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cam_tool_material_to_string (CamToolMaterial mat)
{
  return mat == CAM_TOOL_HSS ? "hss" : "carbide";
}

static gboolean
tool_material_from_string (const char *s, CamToolMaterial *out)
{
  if (g_ascii_strcasecmp (s, "carbide") == 0)
    *out = CAM_TOOL_CARBIDE;
  else if (g_ascii_strcasecmp (s, "hss") == 0)
    *out = CAM_TOOL_HSS;
  else
    return FALSE;
  return TRUE;
}

void
cam_tool_free (CamTool *tool)
{
  if (tool == NULL)
    return;
  g_free (tool->id);
  g_free (tool->name);
  g_free (tool->maker);
  g_free (tool->source);
  g_free (tool);
}

CamTool *
cam_tool_copy (const CamTool *tool)
{
  CamTool *t = g_memdup2 (tool, sizeof *tool);
  t->id = g_strdup (tool->id);
  t->name = g_strdup (tool->name);
  t->maker = g_strdup (tool->maker);
  t->source = g_strdup (tool->source);
  return t;
}

gboolean
cam_tool_is_mill (const CamTool *tool)
{
  return tool->kind != CAM_TOOL_DRILL && tool->kind != CAM_TOOL_SPOT;
}

static gboolean
bad (GError **error, const char *field, const char *fmt, double value)
{
  g_autofree char *what = g_strdup_printf (fmt, value);
  g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tool '%s': %s", field, what);
  return FALSE;
}

/* The core (web) diameter of the fluted part as a share of D, by tool family, when the tool data
 * does not give it. End mills: micro end mills are ground with large cores for strength — two
 * flutes about 0.55·D, three or more about 0.6·D (F. Fleischer, J. Kotschenreuther et al., "Design
 * and manufacturing of micro milling tools", Microsystem Technologies 14 (2008) 1771–1775; E.
 * Uhlmann, K. Schauer, "Dynamic load and strain analysis for the optimization of micro end mills",
 * CIRP Annals 54(1) (2005) 75–78). Drills: the web is 0.15–0.25·D at the point, but the lands and
 * the web thickening toward the shank carry the torque with the web; the section as a whole
 * resists like a round bar of about 0.6·D (a reasoned estimate from the twist-drill cross-section,
 * Machinery's Handbook "twist drill nomenclature": web 0.2·D, two lands of ≈ 0.3·D width). Spot
 * and chamfer tools are short and solid: 0.7·D (estimate). */
double
cam_tool_default_core_ratio (CamToolKind kind, int flutes)
{
  switch (kind)
    {
    case CAM_TOOL_DRILL: return 0.6;
    case CAM_TOOL_SPOT:
    case CAM_TOOL_CHAMFER: return 0.7;
    case CAM_TOOL_FLAT:
    case CAM_TOOL_BALL:
    case CAM_TOOL_BULL:
    default: return flutes >= 3 ? 0.6 : 0.55;
    }
}

gboolean
cam_tool_complete (CamTool *t, GError **error)
{
  /* STEP 1: the values that have no default. */
  if (!(t->d_mm > 0) || !isfinite (t->d_mm))
    return bad (error, "d", "diameter must be a positive number of mm (got %g)", t->d_mm);
  if (t->d_mm > 50)
    return bad (error, "d", "diameter %g mm is not a micro tool (max 50 mm)", t->d_mm);
  /* The smallest commercial end mills and drills are 5–10 µm (e.g. PMT, Performance Micro Tool);
   * below 1 µm the physics' tables and the welding tolerance no longer mean anything. */
  if (t->d_mm < 0.001)
    return bad (error, "d", "diameter %g mm is below 1 µm: not a cutting tool", t->d_mm);
  if (t->flutes < 0 || t->flutes > 12)
    return bad (error, "z", "flutes must be 1 to 12 (got %g)", t->flutes);

  /* STEP 2: defaults for what was left at 0. */
  if (t->flutes == 0)
    t->flutes = 2;
  if (t->material != CAM_TOOL_CARBIDE && t->material != CAM_TOOL_HSS)
    return bad (error, "mat", "unknown tool material %g", t->material);
  if (t->loc_mm == 0)
    {
      switch (t->kind)
        {
        case CAM_TOOL_DRILL: t->loc_mm = 6.0 * t->d_mm; break;
        case CAM_TOOL_SPOT: t->loc_mm = 1.0 * t->d_mm; break;
        case CAM_TOOL_CHAMFER: t->loc_mm = 0.5 * t->d_mm; break;
        case CAM_TOOL_FLAT:
        case CAM_TOOL_BALL:
        case CAM_TOOL_BULL:
        default: t->loc_mm = 1.5 * t->d_mm; break;
        }
    }
  if (t->kind == CAM_TOOL_BALL)
    {
      if (t->corner_r_mm != 0 && fabs (t->corner_r_mm - t->d_mm / 2) > 1e-9)
        return bad (error, "r", "a ball end mill's radius is d/2 (got r = %g)", t->corner_r_mm);
      t->corner_r_mm = t->d_mm / 2;
    }
  else if (t->kind == CAM_TOOL_BULL && t->corner_r_mm == 0)
    t->corner_r_mm = 0.1 * t->d_mm;
  if (t->reach_mm == 0)
    t->reach_mm = t->loc_mm;
  if (t->neck_d_mm == 0)
    t->neck_d_mm = t->reach_mm > t->loc_mm + 1e-9 ? 0.95 * t->d_mm : t->d_mm;
  if (t->shank_d_mm == 0)
    t->shank_d_mm = t->d_mm <= 3.0 ? 3.0 : t->d_mm;
  if (t->taper_deg == 0)
    t->taper_deg = 15.0;
  if (t->point_angle_deg == 0)
    {
      switch (t->kind)
        {
        case CAM_TOOL_DRILL: t->point_angle_deg = t->material == CAM_TOOL_HSS ? 118.0 : 140.0; break;
        case CAM_TOOL_SPOT:
        case CAM_TOOL_CHAMFER: t->point_angle_deg = 90.0; break;
        case CAM_TOOL_FLAT:
        case CAM_TOOL_BALL:
        case CAM_TOOL_BULL:
        default: t->point_angle_deg = 180.0; break;
        }
    }
  if (t->young_gpa == 0)
    t->young_gpa = t->material == CAM_TOOL_HSS ? 217.0 : 600.0;
  if (t->trs_mpa == 0)
    t->trs_mpa = t->material == CAM_TOOL_HSS ? 3000.0 : 3800.0;
  if (t->edge_radius_um == 0)
    t->edge_radius_um = t->material == CAM_TOOL_HSS ? 5.0 : 2.0;
  /* 30° is the helix of the common micro end mill lines (NS Tool MSE230/MHR230, Harvey Tool
   * miniature end mills, Mitsubishi MS2MS: 30°; catalogue geometry tables) */
  if (t->helix_deg == 0 && cam_tool_is_mill (t))
    t->helix_deg = 30.0;
  if (t->core_ratio == 0)
    t->core_ratio = cam_tool_default_core_ratio (t->kind, t->flutes);
  double neck_or_d = MIN (t->neck_d_mm, t->d_mm);
  double taper_len = t->shank_d_mm > neck_or_d
                       ? (t->shank_d_mm - neck_or_d) / (2.0 * tan (t->taper_deg * G_PI / 180.0)) : 0.0;
  if (t->stickout_mm == 0)
    t->stickout_mm = MAX (15.0, t->reach_mm + taper_len + 5.0);

  /* STEP 3: the geometry must make sense. */
  if (!(t->loc_mm > 0) || !isfinite (t->loc_mm))
    return bad (error, "loc", "length of cut must be > 0 mm (got %g)", t->loc_mm);
  if (t->corner_r_mm < 0 || t->corner_r_mm > t->d_mm / 2 + 1e-12)
    return bad (error, "r", "corner radius must be between 0 and d/2 (got %g)", t->corner_r_mm);
  if (t->kind == CAM_TOOL_FLAT && t->corner_r_mm > 0)
    return bad (error, "r", "a flat end mill has no corner radius (got %g); use bull:", t->corner_r_mm);
  if (!(t->neck_d_mm > 0) || t->neck_d_mm > t->d_mm + 1e-12)
    return bad (error, "neck", "neck diameter must be > 0 and ≤ d (got %g)", t->neck_d_mm);
  if (t->reach_mm < t->loc_mm - 1e-12)
    return bad (error, "reach", "reach must be ≥ the length of cut (got %g)", t->reach_mm);
  if (!(t->shank_d_mm > 0) || t->shank_d_mm < neck_or_d - 1e-12)
    return bad (error, "shank", "shank diameter must be ≥ the neck/cutting diameter (got %g)", t->shank_d_mm);
  if (t->stickout_mm < t->reach_mm - 1e-12 || !isfinite (t->stickout_mm))
    return bad (error, "stickout", "stick-out must be ≥ the reach (got %g mm)", t->stickout_mm);
  if (t->stickout_mm > 200)
    return bad (error, "stickout", "stick-out %g mm is beyond any holder (max 200 mm)", t->stickout_mm);
  if (!(t->taper_deg > 0 && t->taper_deg < 90))
    return bad (error, "taper", "taper half angle must be between 0 and 90° (got %g)", t->taper_deg);
  if (!(t->point_angle_deg > 0 && t->point_angle_deg <= 180))
    return bad (error, "point_angle", "point angle must be in (0, 180]° (got %g)", t->point_angle_deg);
  if (!(t->edge_radius_um > 0) || t->edge_radius_um > 100)
    return bad (error, "edge", "cutting-edge radius must be between 0 and 100 µm (got %g)", t->edge_radius_um);
  if (t->helix_deg < 0 || t->helix_deg >= 75)
    return bad (error, "helix", "helix angle must be between 0 and 75° (got %g)", t->helix_deg);
  if (!(t->core_ratio > 0.1) || t->core_ratio > 1.0)
    return bad (error, "core", "core diameter ratio must be between 0.1 and 1 of D (got %g)", t->core_ratio);
  if (!(t->young_gpa > 0) || !(t->trs_mpa > 0))
    return bad (error, "mat", "Young's modulus and rupture strength must be > 0 (got E %g GPa)", t->young_gpa);
  if (t->name == NULL)
    {
      g_autofree char *d = cam_tool_describe (t);
      t->name = g_steal_pointer (&d);
    }
  return TRUE;
}

static gboolean
parse_number (const char *key, const char *value, double *out, GError **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tool '%s': '%s' is not a number", key, value);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

CamTool *
cam_tool_new_from_spec (const char *spec, GError **error)
{
  g_return_val_if_fail (spec != NULL, NULL);
  const char *colon = strchr (spec, ':');
  g_autofree char *kind_s = colon ? g_strndup (spec, (gsize) (colon - spec)) : g_strdup (spec);
  g_autoptr (CamTool) t = g_new0 (CamTool, 1);
  if (!cam_tool_kind_from_string (g_strstrip (kind_s), &t->kind))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "tool spec '%s': unknown kind '%s' (flat, ball, bull, drill, spot, chamfer)", spec, kind_s);
      return NULL;
    }
  g_auto (GStrv) pairs = g_strsplit (colon ? colon + 1 : "", ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *p = g_strstrip (pairs[i]);
      if (*p == '\0')
        continue;
      char *eq = strchr (p, '=');
      if (eq == NULL)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tool spec '%s': '%s' is not key=value", spec, p);
          return NULL;
        }
      *eq = '\0';
      const char *key = g_strstrip (p);
      const char *value = g_strstrip (eq + 1);
      double v = 0;
      if (strcmp (key, "mat") == 0)
        {
          if (!tool_material_from_string (value, &t->material))
            {
              g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                           "tool 'mat': '%s' is not a tool material (carbide, hss)", value);
              return NULL;
            }
          continue;
        }
      static const char *const known[] = { "d", "z", "loc", "r", "neck", "reach", "stickout", "shank", "edge" };
      gboolean is_known = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        is_known = is_known || strcmp (key, known[k]) == 0;
      if (!is_known)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                       "tool spec '%s': unknown key '%s' (d z loc r neck reach stickout shank mat edge)", spec, key);
          return NULL;
        }
      if (!parse_number (key, value, &v, error))
        return NULL;
      gboolean is_r = strcmp (key, "r") == 0;
      if (is_r ? v < 0 : v <= 0)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tool '%s': must be %s (got %s)", key,
                       is_r ? "≥ 0" : "> 0", value);
          return NULL;
        }
      if (strcmp (key, "d") == 0)
        t->d_mm = v;
      else if (strcmp (key, "z") == 0)
        {
          if (v != floor (v) || v > 12)
            {
              g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                           "tool 'z': flutes must be a whole number from 1 to 12 (got %s)", value);
              return NULL;
            }
          t->flutes = (int) v;
        }
      else if (strcmp (key, "loc") == 0)
        t->loc_mm = v;
      else if (is_r)
        {
          if (v == 0 && t->kind == CAM_TOOL_BULL)
            {
              g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tool 'r': a bull nose needs r > 0; use flat:");
              return NULL;
            }
          t->corner_r_mm = v;
        }
      else if (strcmp (key, "neck") == 0)
        t->neck_d_mm = v;
      else if (strcmp (key, "reach") == 0)
        t->reach_mm = v;
      else if (strcmp (key, "stickout") == 0)
        t->stickout_mm = v;
      else if (strcmp (key, "shank") == 0)
        t->shank_d_mm = v;
      else if (strcmp (key, "edge") == 0)
        t->edge_radius_um = v;
      else
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                       "tool spec '%s': unknown key '%s' (d z loc r neck reach stickout shank mat edge)", spec, key);
          return NULL;
        }
    }
  if (t->d_mm == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tool spec '%s': the diameter d=… is required", spec);
      return NULL;
    }
  if (!cam_tool_complete (t, error))
    return NULL;
  return g_steal_pointer (&t);
}

CamTool *
cam_tool_new_from_json (JsonObject *obj, GError **error)
{
  g_autoptr (CamTool) t = g_new0 (CamTool, 1);
  g_autofree char *kind = NULL;
  g_autofree char *mat = NULL;
  if (!cam_json_field_string (obj, "id", TRUE, NULL, &t->id, error)
      || !cam_json_field_string (obj, "name", FALSE, NULL, &t->name, error)
      || !cam_json_field_string (obj, "maker", FALSE, NULL, &t->maker, error)
      || !cam_json_field_string (obj, "source", FALSE, NULL, &t->source, error)
      || !cam_json_field_string (obj, "kind", TRUE, NULL, &kind, error)
      || !cam_json_field_string (obj, "mat", FALSE, "carbide", &mat, error)
      || !cam_json_field_double (obj, "d", TRUE, 0, &t->d_mm, error)
      || !cam_json_field_int (obj, "z", FALSE, 0, &t->flutes, error)
      || !cam_json_field_double (obj, "loc", FALSE, 0, &t->loc_mm, error)
      || !cam_json_field_double (obj, "r", FALSE, 0, &t->corner_r_mm, error)
      || !cam_json_field_double (obj, "neck", FALSE, 0, &t->neck_d_mm, error)
      || !cam_json_field_double (obj, "reach", FALSE, 0, &t->reach_mm, error)
      || !cam_json_field_double (obj, "stickout", FALSE, 0, &t->stickout_mm, error)
      || !cam_json_field_double (obj, "shank", FALSE, 0, &t->shank_d_mm, error)
      || !cam_json_field_double (obj, "edge", FALSE, 0, &t->edge_radius_um, error)
      || !cam_json_field_double (obj, "taper", FALSE, 0, &t->taper_deg, error)
      || !cam_json_field_double (obj, "point_angle", FALSE, 0, &t->point_angle_deg, error)
      || !cam_json_field_double (obj, "young_gpa", FALSE, 0, &t->young_gpa, error)
      || !cam_json_field_double (obj, "trs_mpa", FALSE, 0, &t->trs_mpa, error)
      || !cam_json_field_double (obj, "core", FALSE, 0, &t->core_ratio, error)
      || !cam_json_field_double (obj, "helix", FALSE, 0, &t->helix_deg, error))
    return NULL;
  /* Present means meant: an explicit 0 must not fall back to a default. */
  static const char *const positive[] = { "d", "z", "loc", "neck", "reach", "stickout", "shank", "edge",
                                          "taper", "point_angle", "young_gpa", "trs_mpa", "core" };
  for (guint i = 0; i < G_N_ELEMENTS (positive); i++)
    {
      double v = 1;
      if (json_object_has_member (obj, positive[i])
          && cam_json_field_double (obj, positive[i], FALSE, 1, &v, NULL) && !(v > 0))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': must be > 0 (got %g)", positive[i], v);
          return NULL;
        }
    }
  if (!cam_tool_kind_from_string (kind, &t->kind))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "field 'kind': '%s' is not flat, ball, bull, drill, spot or chamfer", kind);
      return NULL;
    }
  if (!tool_material_from_string (mat, &t->material))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field 'mat': '%s' is not carbide or hss", mat);
      return NULL;
    }
  if (!cam_tool_complete (t, error))
    return NULL;
  return g_steal_pointer (&t);
}

char *
cam_tool_describe (const CamTool *t)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s Ø%.3f z%d loc %.3f", cam_tool_kind_to_string (t->kind), t->d_mm,
                          t->flutes, t->loc_mm);
  if (t->kind == CAM_TOOL_BULL)
    g_string_append_printf (s, " r%.3f", t->corner_r_mm);
  if (t->neck_d_mm < t->d_mm - 1e-9)
    g_string_append_printf (s, " neck Ø%.3f×%.2f", t->neck_d_mm, t->reach_mm);
  g_string_append_printf (s, " %s", cam_tool_material_to_string (t->material));
  return g_string_free (s, FALSE);
}
