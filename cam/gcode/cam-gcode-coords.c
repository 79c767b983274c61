/* cam-gcode-coords.c — coordinate systems, G92, tool length offsets and stored home positions,
 * as LinuxCNC keeps them.
 *
 * A programmed point p (mm) is on the machine at  rot_R(p + g92) + g5x  (+ the tool length
 * offset in Z): the active G54…G59.3 origin g5x with its XY rotation R (G10 L2 R), the G92 offset
 * added before the rotation. Checked against rs274: after "G92 X0" at X10, "G10 L2 P1 X5 Y5 R90",
 * a G53 X0 Y0 is the programmed (−15, 5). The stored values live where LinuxCNC keeps them and
 * where programs read them: #5161–#5163 G28 and #5181–#5183 G30 home, #5210 G92 on, #5211–#5213
 * G92 (and G52's local offset, which LinuxCNC keeps there), #5220 the system in use, #5201+20n … +2 origin and +9 rotation of system n (n = 1 … 9),
 * #5400 tool, #5403 its Z offset, #5410 its diameter, #5420–#5422 the current position.
 * They are kept in mm (LinuxCNC keeps them in machine units; rs274 alone takes inches, so a
 * program printing #5221 sees mm here where rs274 shows inches).
 * Source: LinuxCNC G-code reference, G10 L1/L2/L10/L20, G92, G43, G28/G30, "Numbered Parameters"
 * (linuxcnc.org/docs/html/gcode/g-code.html, …/gcode/overview.html) and tool table format
 * (…/config/ini-config.html, "Tool Table Format"). */
#include "cam-gcode-interp.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cam-error.h"

#define P_G28 5161
#define P_G30 5181
#define P_G92_ON 5210
#define P_G92 5211
#define P_SYSTEM 5220
#define P_TOOL 5400
#define P_TOOL_Z 5403
#define P_TOOL_DIAMETER 5410
#define P_POSITION 5420

static inline int
system_base (int n)
{
  return 5201 + 20 * n;
}

static gboolean
has (const CamGcodeBlock *b, char letter)
{
  return (b->has & CAM_GCODE_BIT (letter)) != 0;
}

static double
val (const CamGcodeBlock *b, char letter)
{
  return b->v[letter - 'A'];
}

void
cam_gcode_select_system (CamGcodeInterp *s, int n)
{
  s->coord_system = n;
  int base = system_base (n);
  double *num = s->params->num;
  s->g5x[0] = num[base], s->g5x[1] = num[base + 1], s->g5x[2] = num[base + 2];
  s->rotation = num[base + 9];
  num[P_SYSTEM] = n;
}

void
cam_gcode_coords_init (CamGcodeInterp *s)
{
  cam_gcode_select_system (s, 1);
  memset (s->g92, 0, sizeof s->g92);
  s->tlo = 0;
}

static void
rotate (double angle_deg, double v[2])
{
  if (angle_deg == 0)
    return;
  double a = angle_deg * G_PI / 180.0, c = cos (a), sn = sin (a);
  double x = v[0] * c - v[1] * sn, y = v[0] * sn + v[1] * c;
  v[0] = x, v[1] = y;
}

void
cam_gcode_rotate_vector (const CamGcodeInterp *s, double v[2])
{
  rotate (s->rotation, v);
}

void
cam_gcode_to_machine (const CamGcodeInterp *s, const double p[3], double m[3])
{
  double q[3] = { p[0] + s->g92[0], p[1] + s->g92[1], p[2] + s->g92[2] };
  rotate (s->rotation, q);
  m[0] = q[0] + s->g5x[0];
  m[1] = q[1] + s->g5x[1];
  m[2] = q[2] + s->g5x[2] + s->tlo;
}

void
cam_gcode_to_program (const CamGcodeInterp *s, const double m[3], double p[3])
{
  double q[3] = { m[0] - s->g5x[0], m[1] - s->g5x[1], m[2] - s->g5x[2] - s->tlo };
  rotate (-s->rotation, q);
  p[0] = q[0] - s->g92[0];
  p[1] = q[1] - s->g92[1];
  p[2] = q[2] - s->g92[2];
}

void
cam_gcode_coords_update_params (CamGcodeInterp *s)
{
  double p[3];
  cam_gcode_to_program (s, s->pos, p);
  for (int k = 0; k < 3; k++)
    s->params->num[P_POSITION + k] = p[k] / s->scale;
}

static const CamGcodeToolEntry *
tool_entry (const CamGcodeInterp *s, guint number)
{
  return s->tool_table ? g_hash_table_lookup (s->tool_table, GUINT_TO_POINTER (number)) : NULL;
}

static CamGcodeToolEntry *
tool_entry_for_writing (CamGcodeInterp *s, guint number)
{
  if (s->tool_table == NULL)
    s->tool_table = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  CamGcodeToolEntry *e = g_hash_table_lookup (s->tool_table, GUINT_TO_POINTER (number));
  if (e == NULL)
    {
      e = g_new0 (CamGcodeToolEntry, 1);
      g_hash_table_insert (s->tool_table, GUINT_TO_POINTER (number), e);
    }
  return e;
}

void
cam_gcode_g10 (CamGcodeInterp *s, const CamGcodeBlock *b)
{
  if (!has (b, 'L'))
    {
      CAM_GCODE_ERROR (s, "G10 needs L (L1, L2, L10, L11 or L20)");
      return;
    }
  int l = (int) nearbyint (val (b, 'L'));
  if (!has (b, 'P'))
    {
      CAM_GCODE_ERROR (s, "G10 L%d needs P", l);
      return;
    }
  double pv = val (b, 'P');
  int p = (int) nearbyint (pv);
  if (l == 2 || l == 20)
    {
      if (p < 0 || p > 9 || fabs (pv - p) > 1e-9)
        {
          CAM_GCODE_ERROR (s, "G10 L%d P%g: the coordinate system is P0 (the one in use) or P1 to P9", l, pv);
          return;
        }
      int n = p == 0 ? s->coord_system : p;
      int base = system_base (n);
      double *num = s->params->num;
      /* L20: the origin that makes the current position read the given value */
      double cur[3];
      if (l == 20)
        {
          double q[3] = { s->pos[0] - num[base], s->pos[1] - num[base + 1], s->pos[2] - num[base + 2] - s->tlo };
          rotate (-num[base + 9], q);
          for (int k = 0; k < 3; k++)
            cur[k] = q[k] - s->g92[k];
        }
      for (int k = 0; k < 3; k++)
        {
          char letter = (char) ('X' + k);
          if (!has (b, letter))
            continue;
          double v = val (b, letter) * s->scale;
          num[base + k] = l == 2 ? v : num[base + k] + cur[k] - v;
        }
      if (has (b, 'R'))
        num[base + 9] = val (b, 'R');
      if (n == s->coord_system)
        cam_gcode_select_system (s, n);
      return;
    }
  if (l == 1 || l == 10 || l == 11)
    {
      if (p < 0 || fabs (pv - p) > 1e-9)
        {
          CAM_GCODE_ERROR (s, "G10 L%d P%g: P is a tool number", l, pv);
          return;
        }
      CamGcodeToolEntry *e = tool_entry_for_writing (s, (guint) p);
      if (has (b, 'Z'))
        {
          double v = val (b, 'Z') * s->scale;
          if (l == 1)
            e->z = v;
          else
            {
              /* the offset that makes the current Z read v (L10: in the system in use, L11: in G59.3) */
              int base = system_base (l == 10 ? s->coord_system : 9);
              e->z = s->pos[2] - s->params->num[base + 2] - (l == 10 ? s->g92[2] : 0) - v;
            }
        }
      if (has (b, 'R'))
        e->diameter = 2 * val (b, 'R') * s->scale;
      return;
    }
  CAM_GCODE_ERROR (s, "G10 L%d: not a G10 form (L1, L2, L10, L11, L20)", l);
}

void
cam_gcode_g92 (CamGcodeInterp *s, int code, const CamGcodeBlock *b)
{
  double *num = s->params->num;
  switch (code)
    {
    case CAM_G92_OFFSET:
      {
        if (!(b->has & (CAM_GCODE_BIT ('X') | CAM_GCODE_BIT ('Y') | CAM_GCODE_BIT ('Z') | CAM_GCODE_BIT ('A')
                        | CAM_GCODE_BIT ('B') | CAM_GCODE_BIT ('C'))))
          {
            CAM_GCODE_ERROR (s, "G92 needs at least one axis word");
            return;
          }
        double q[3] = { s->pos[0] - s->g5x[0], s->pos[1] - s->g5x[1], s->pos[2] - s->g5x[2] - s->tlo };
        rotate (-s->rotation, q);
        for (int k = 0; k < 3; k++)
          {
            char letter = (char) ('X' + k);
            if (has (b, letter))
              s->g92[k] = q[k] - val (b, letter) * s->scale;
            num[P_G92 + k] = s->g92[k];
          }
        num[P_G92_ON] = 1;
        break;
      }
    case CAM_GCODE_G (52, 0):
      /* G52: a local offset, the given values themselves (LinuxCNC keeps it where G92 is) */
      for (int k = 0; k < 3; k++)
        {
          char letter = (char) ('X' + k);
          if (has (b, letter))
            s->g92[k] = val (b, letter) * s->scale;
          num[P_G92 + k] = s->g92[k];
        }
      num[P_G92_ON] = 1;
      break;
    case CAM_G92_1_OFFSET_RESET:
      memset (s->g92, 0, sizeof s->g92);
      for (int k = 0; k < 9; k++)
        num[P_G92 + k] = 0;
      num[P_G92_ON] = 0;
      break;
    case CAM_G92_2_OFFSET_OFF:
      memset (s->g92, 0, sizeof s->g92);
      num[P_G92_ON] = 0;
      break;
    case CAM_G92_3_OFFSET_RESTORE:
      for (int k = 0; k < 3; k++)
        s->g92[k] = num[P_G92 + k];
      num[P_G92_ON] = 1;
      break;
    default:
      break;
    }
}

void
cam_gcode_g43 (CamGcodeInterp *s, int code, const CamGcodeBlock *b)
{
  if (code == CAM_G49_LENGTH_OFF)
    {
      s->tlo = 0;
      s->params->num[P_TOOL_Z] = 0;
      return;
    }
  if (code == CAM_G43_1_LENGTH_DYN)
    {
      s->tlo = has (b, 'Z') ? val (b, 'Z') * s->scale : 0;
      s->params->num[P_TOOL_Z] = s->tlo;
      return;
    }
  guint number = s->tool_index >= 0 ? s->tool_number : s->selected_tool;
  if (has (b, 'H'))
    {
      double h = val (b, 'H');
      if (h < 0 || fabs (h - nearbyint (h)) > 1e-9)
        {
          CAM_GCODE_ERROR (s, "G%g H%g: H is a tool number", CAM_GCODE_G_NUMBER (code), h);
          return;
        }
      number = (guint) nearbyint (h);
    }
  const CamGcodeToolEntry *e = tool_entry (s, number);
  double z = e ? e->z : 0;
  s->tlo = code == CAM_G43_2_LENGTH_ADD ? s->tlo + z : z;
  s->params->num[P_TOOL_Z] = s->tlo;
}

void
cam_gcode_home_position (const CamGcodeInterp *s, gboolean g30, double m[3])
{
  int base = g30 ? P_G30 : P_G28;
  for (int k = 0; k < 3; k++)
    m[k] = s->params->num[base + k];
}

void
cam_gcode_set_home (CamGcodeInterp *s, gboolean g30)
{
  int base = g30 ? P_G30 : P_G28;
  for (int k = 0; k < 3; k++)
    s->params->num[base + k] = s->pos[k];
}

gboolean
cam_gcode_read_tool_table (CamGcodeInterp *s, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "%s: cannot read the tool table: %s", path, local->message);
      return FALSE;
    }
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *semi = strchr (lines[i], ';');
      if (semi)
        *semi = '\0';
      g_auto (GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      gboolean have_t = FALSE;
      guint number = 0;
      double z = 0, d = 0;
      for (guint w = 0; words[w]; w++)
        {
          if (words[w][0] == '\0')
            continue;
          char letter = g_ascii_toupper (words[w][0]);
          char *endp;
          double v = g_ascii_strtod (words[w] + 1, &endp);
          if (*endp != '\0' || !isfinite (v))
            {
              g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s:%u: '%s' is not a tool table word (letter and number)",
                           path, i + 1, words[w]);
              return FALSE;
            }
          if (letter == 'T')
            have_t = v >= 0, number = (guint) v;
          else if (letter == 'Z')
            z = v;
          else if (letter == 'D')
            d = v;
        }
      if (!have_t)
        continue;
      CamGcodeToolEntry *e = tool_entry_for_writing (s, number);
      e->z = z;
      e->diameter = d;
    }
  return TRUE;
}

gboolean
cam_gcode_tool_diameter (const CamGcodeInterp *s, guint number, double *diameter)
{
  const CamGcodeToolEntry *e = tool_entry (s, number);
  if (e == NULL)
    return FALSE;
  *diameter = e->diameter;
  return TRUE;
}
