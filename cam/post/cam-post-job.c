/* cam-post-job.c — see cam-post-job.h.
 *
 * One program per tool. The job's joined toolpath (cam_job_join_toolpaths()) links every
 * operation through the clearance height, and the lift at the end of an operation belongs to the
 * tool that cut it; so the moves of one tool, in order, are a program by themselves: they start
 * with a rapid at clearance and leave the tool lifted to clearance before the next tool's part.
 * The tool's toolpath is those moves (op indices kept, for the operation comments and the header's
 * "where") with that one tool; cycle time and safety factor in its header come from it.
 *
 * Writing several files as one: each program is streamed into a temporary file beside its target
 * (cam_post_write_temp (): written and fsync'ed), and the temporaries are renamed into place only
 * when every one of them is complete (rename(2) replaces a file atomically within a filesystem,
 * POSIX.1-2017 rename()). A program that cannot be generated or written removes them all.
 */
#include "cam-post-job.h"
#include "cam-error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* The header fields and op comments of a program of job whose moves are tp (the whole toolpath or
 * one tool's part of it); strings owned here. */
typedef struct {
  CamPostOptions po;
  char *base, *mat_s, *mach_s, *where;
  GPtrArray *names;
  GPtrArray *unreachable;
} JobHeader;

static void
job_header_init (JobHeader *h, const CamJob *job, const CamLibrary *lib, const CamToolpath *tp,
                 const CamPostOptions *opt)
{
  const CamMaterial *mat = job->material_id ? cam_library_find_material (lib, job->material_id) : NULL;
  const CamMachine *mach = job->machine_id ? cam_library_find_machine (lib, job->machine_id) : NULL;

  h->po = *opt;
  h->base = job->part_path ? g_path_get_basename (job->part_path) : NULL;
  h->mat_s = mat ? g_strdup_printf ("%s (%s)", mat->id, mat->name) : g_strdup (job->material_id);
  h->mach_s = mach ? g_strdup_printf ("%s (%s)", mach->id, mach->name) : g_strdup (job->machine_id);
  h->po.part_name = h->base;
  h->po.material = h->mat_s;
  h->po.machine = h->mach_s;

  /* Cycle time with the machine's acceleration when the machine is known, else the post's default. */
  CamToolpathStats st;
  if (mach)
    {
      CamKinematics kin;
      cam_machine_kinematics (mach, &kin);
      cam_toolpath_stats (tp, &kin, -1, &st);
      if (mach->rpm_max > 0 && h->po.max_rpm <= 0)
        h->po.max_rpm = mach->rpm_max;
    }
  else
    cam_toolpath_stats (tp, NULL, -1, &st);
  h->po.cycle_time_s = st.cycle_time_s;
  h->po.min_safety_factor = st.min_safety_factor;
  h->where = NULL;
  h->po.min_safety_where = NULL;
  if (st.min_safety_move >= 0)
    {
      const CamMove *m = cam_toolpath_move (tp, st.min_safety_move);
      h->where = g_strdup_printf ("%s, X%.4f Y%.4f Z%.4f", cam_job_op (job, m->op_index)->id, m->x, m->y, m->z);
      h->po.min_safety_where = h->where;
    }
  h->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      g_ptr_array_add (h->names, g_strdup_printf ("%s: %s %s with T%u", op->id, cam_job_op_kind_to_string (op->kind),
                                                  op->feature_id ? op->feature_id : "",
                                                  cam_job_tool (job, op->tool)->number));
    }
  g_ptr_array_add (h->names, NULL);
  h->po.op_names = (const char *const *) h->names->pdata;

  /* the stock box in work coordinates and the tolerance, for a review of the program; what
   * the plan left out, so the program says it */
  h->po.has_stock = TRUE;
  cam_job_model_to_work (job, job->stock_min, h->po.stock_min);
  cam_job_model_to_work (job, job->stock_max, h->po.stock_max);
  h->po.tolerance_mm = job->tolerance_mm > 0 ? job->tolerance_mm : 0;
  h->unreachable = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      g_autofree char *reason = g_strdelimit (g_strdup (u->reason ? u->reason : "no tool can cut it"), "()", '/');
      g_ptr_array_add (h->unreachable, g_strdup_printf ("%s: %s%s%s", u->feature_id ? u->feature_id : "area", reason,
                                                        u->process ? " — process: " : "",
                                                        u->process ? u->process : ""));
    }
  g_ptr_array_add (h->unreachable, NULL);
  h->po.unreachable = (const char *const *) h->unreachable->pdata;
}

static void
job_header_clear (JobHeader *h)
{
  g_free (h->base);
  g_free (h->mat_s);
  g_free (h->mach_s);
  g_free (h->where);
  g_ptr_array_unref (h->names);
  g_ptr_array_unref (h->unreachable);
}

gboolean
cam_post_write_job (const CamJob *job, const CamLibrary *lib, const CamPostDialect *dialect,
              const CamPostOptions *opt, const char *path, GError **error)
{
  if (job->toolpath == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the job has no toolpath to export", path);
      return FALSE;
    }
  JobHeader h;
  job_header_init (&h, job, lib, job->toolpath, opt);
  gboolean ok = cam_post_write_file (dialect, job->toolpath, &h.po, path, error);
  job_header_clear (&h);
  return ok;
}

char *
cam_post_job_tool_path (const char *path, guint tool_number)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  const char *dot = strrchr (name, '.');
  g_autofree char *file = NULL;
  if (dot && dot != name)   /* ".ngc" alone is a name, not an extension */
    file = g_strdup_printf ("%.*s-T%u%s", (int) (dot - name), name, tool_number, dot);
  else
    file = g_strdup_printf ("%s-T%u", name, tool_number);
  /* Keep the caller's spelling of the folder: "plate.ngc" stays relative, without "./". */
  if (strcmp (dir, ".") == 0 && !g_str_has_prefix (path, "./"))
    return g_steal_pointer (&file);
  return g_build_filename (dir, file, NULL);
}

/* The moves of job tool index `tool` as a toolpath with that one tool (index 0); NULL when the
 * tool has no move. The lift that ends an operation is joined with the next operation's index
 * (cam_job_join_toolpaths()); where that operation is another tool's, the lift is counted with
 * the operation before it, so that no other tool's operation is named in this program. */
static CamToolpath *
toolpath_of_tool (const CamJob *job, const CamToolpath *tp, guint tool)
{
  gssize first = -1;
  gsize n = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    if (cam_toolpath_move (tp, i)->tool_index == tool)
      {
        if (first < 0)
          first = i;
        n++;
      }
  if (first < 0)
    return NULL;
  CamToolpath *out = cam_toolpath_new ();
  const CamToolpathTool *t = g_ptr_array_index (tp->tools, tool);
  cam_toolpath_add_tool (out, t->number, t->diameter_mm, t->spec, t->label, t->coolant);
  cam_toolpath_move_start (tp, first, out->start);
  g_array_set_size (out->moves, n);   /* one allocation for millions of moves */
  CamMove *c = (CamMove *) out->moves->data;
  for (guint i = first; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (m->tool_index != tool)
        continue;
      *c = *m;
      c->tool_index = 0;
      if (m->op_index < job->ops->len && cam_job_op (job, m->op_index)->tool != tool && c > (CamMove *) out->moves->data)
        c->op_index = c[-1].op_index;
      c++;
    }
  return out;
}

static guint
program_number (const CamPostDialect *d, const CamPostOptions *opt, guint tool_number)
{
  guint base = opt->program_number > 0 ? opt->program_number : d->program_number;
  return (base + tool_number - 1) % 9999 + 1;
}

gboolean
cam_post_write_job_per_tool (const CamJob *job, const CamLibrary *lib, const CamPostDialect *dialect,
                             const CamPostOptions *opt, const char *path, GPtrArray *written_paths,
                             GError **error)
{
  if (job->toolpath == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the job has no toolpath to export", path);
      return FALSE;
    }
  const CamToolpath *tp = job->toolpath;

  /* Tools in the order they first cut. */
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *seen = g_new0 (gboolean, tp->tools->len);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      guint t = cam_toolpath_move (tp, i)->tool_index;
      if (t < tp->tools->len && !seen[t])
        {
          seen[t] = TRUE;
          g_array_append_val (order, t);
        }
    }
  if (order->len == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the job's toolpath has no move with a tool", path);
      return FALSE;
    }

  /* 1. Every program into a temporary file beside its target. */
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < order->len; k++)
    {
      guint t = g_array_index (order, guint, k);
      const CamToolpathTool *tool = g_ptr_array_index (tp->tools, t);
      char *target = cam_post_job_tool_path (path, tool->number);
      g_ptr_array_add (targets, target);
      char *tmp = NULL;
      if (g_file_test (target, G_FILE_TEST_IS_DIR))
        g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write G-code %s: it is a folder", target);
      else
        {
          g_autoptr (CamToolpath) part = toolpath_of_tool (job, tp, t);
          JobHeader h;
          job_header_init (&h, job, lib, part, opt);
          h.po.program_number = program_number (dialect, opt, tool->number);
          tmp = cam_post_write_temp (dialect, part, &h.po, target, error);
          job_header_clear (&h);
        }
      if (tmp == NULL)
        {
          for (guint j = 0; j < temps->len; j++)
            g_unlink (g_ptr_array_index (temps, j));
          return FALSE;
        }
      g_ptr_array_add (temps, tmp);
    }

  /* 2. All complete: into place. */
  for (guint k = 0; k < temps->len; k++)
    {
      const char *target = g_ptr_array_index (targets, k);
      if (g_rename (g_ptr_array_index (temps, k), target) != 0)
        {
          int e = errno;
          for (guint j = k; j < temps->len; j++)
            g_unlink (g_ptr_array_index (temps, j));
          g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write G-code %s: %s%s", target, g_strerror (e),
                       k > 0 ? " (the programs before it were written)" : "");
          return FALSE;
        }
      if (written_paths)
        g_ptr_array_add (written_paths, g_strdup (target));
    }
  return TRUE;
}
