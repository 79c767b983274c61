/* app-document.c — see app-document.h. */
#include "app-document.h"

#include "app-form.h"
#include "app-library-picker.h"
#include "cam-dfm-rules.h"

struct _AppDocument {
  GObject parent_instance;

  const CamLibrary *lib;        /* the application's, never changed after loading */
  CamDfmRules *rules;
  char *rules_error;

  char *material_id, *machine_id;
  double tolerance, finish, stock_margin;

  CamMesh *mesh;
  CamAnalysis *analysis;
  char *analysis_material, *analysis_machine;  /* the context the analysis was run with */
  double analysis_tolerance, analysis_finish;
  CamJob *job;
  gboolean program_shown;
  gboolean dirty;               /* the job has changes not saved (set by edits, cleared on save) */
};

G_DEFINE_FINAL_TYPE (AppDocument, app_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MATERIAL_ID,
  PROP_MACHINE_ID,
  PROP_TOLERANCE,
  PROP_FINISH,
  PROP_STOCK_MARGIN,
  PROP_MESH,
  PROP_ANALYSIS,
  PROP_JOB,
  PROP_PROGRAM_SHOWN,
  PROP_DIRTY,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

static gboolean
set_id (AppDocument *self, char **field, CamLibraryKind kind, const char *id, guint prop)
{
  if (app_library_picker_index_of (self->lib, kind, id) == G_MAXUINT)
    return FALSE;
  if (g_strcmp0 (*field, id) != 0)
    {
      g_free (*field);
      *field = g_strdup (id);
      g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
    }
  return TRUE;
}

static void
set_double (AppDocument *self, double *field, double v, guint prop)
{
  if (*field != v)
    {
      *field = v;
      g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
    }
}

const CamLibrary *
app_document_get_library (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->lib;
}

const CamDfmRules *
app_document_get_rules (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->rules;
}

const char *
app_document_get_rules_error (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->rules_error;
}

const char *
app_document_get_material_id (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->material_id;
}

gboolean
app_document_set_material_id (AppDocument *self, const char *id)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), FALSE);
  return set_id (self, &self->material_id, CAM_LIBRARY_MATERIALS, id, PROP_MATERIAL_ID);
}

const char *
app_document_get_machine_id (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->machine_id;
}

gboolean
app_document_set_machine_id (AppDocument *self, const char *id)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), FALSE);
  return set_id (self, &self->machine_id, CAM_LIBRARY_MACHINES, id, PROP_MACHINE_ID);
}

const CamMaterial *
app_document_get_material (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return cam_library_find_material (self->lib, self->material_id);
}

const CamMachine *
app_document_get_machine (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return cam_library_find_machine (self->lib, self->machine_id);
}

double
app_document_get_tolerance (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), 0);
  return self->tolerance;
}

void
app_document_set_tolerance (AppDocument *self, double tolerance_mm)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  set_double (self, &self->tolerance, tolerance_mm, PROP_TOLERANCE);
}

double
app_document_get_finish (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), 0);
  return self->finish;
}

void
app_document_set_finish (AppDocument *self, double ra_um)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  set_double (self, &self->finish, ra_um, PROP_FINISH);
}

double
app_document_get_stock_margin (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), 0);
  return self->stock_margin;
}

void
app_document_set_stock_margin (AppDocument *self, double margin_mm)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  set_double (self, &self->stock_margin, margin_mm, PROP_STOCK_MARGIN);
}

void
app_document_get_analysis_options (AppDocument *self, CamAnalysisOptions *out)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  out->material_id = self->material_id;
  out->machine_id = self->machine_id;
  out->tolerance_mm = self->tolerance;
  out->finish_ra_um = self->finish;
}

CamMesh *
app_document_get_mesh (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->mesh;
}

static void
clear_analysis (AppDocument *self)
{
  if (self->analysis == NULL)
    return;
  g_clear_pointer (&self->analysis, cam_analysis_unref);
  g_clear_pointer (&self->analysis_material, g_free);
  g_clear_pointer (&self->analysis_machine, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ANALYSIS]);
}

void
app_document_set_mesh (AppDocument *self, CamMesh *mesh)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  if (mesh == self->mesh)
    return;
  clear_analysis (self);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  self->mesh = mesh ? cam_mesh_ref (mesh) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESH]);
}

CamAnalysis *
app_document_get_analysis (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  if (self->analysis == NULL || self->analysis->mesh != self->mesh
      || g_strcmp0 (self->analysis_material, self->material_id) != 0
      || g_strcmp0 (self->analysis_machine, self->machine_id) != 0
      || self->analysis_tolerance != self->tolerance || self->analysis_finish != self->finish)
    return NULL;
  return self->analysis;
}

void
app_document_set_analysis (AppDocument *self, CamAnalysis *analysis, const CamAnalysisOptions *options)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  g_return_if_fail (analysis == NULL || options != NULL);
  /* an analysis of a part no longer shown (it came back late) is not the document's */
  if (analysis != NULL && analysis->mesh != self->mesh)
    return;
  if (analysis == self->analysis)
    return;
  clear_analysis (self);
  if (analysis == NULL)
    return;
  self->analysis = cam_analysis_ref (analysis);
  self->analysis_material = g_strdup (options->material_id);
  self->analysis_machine = g_strdup (options->machine_id);
  self->analysis_tolerance = options->tolerance_mm;
  self->analysis_finish = options->finish_ra_um;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ANALYSIS]);
}

CamJob *
app_document_get_job (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), NULL);
  return self->job;
}

void
app_document_set_job (AppDocument *self, CamJob *job)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  if (job == self->job)
    return;
  g_clear_pointer (&self->job, cam_job_unref);
  self->job = job ? cam_job_ref (job) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_JOB]);
}

gboolean
app_document_get_program_shown (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), FALSE);
  return self->program_shown;
}

void
app_document_set_program_shown (AppDocument *self, gboolean shown)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  if (self->program_shown == !!shown)
    return;
  self->program_shown = !!shown;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROGRAM_SHOWN]);
}

gboolean
app_document_get_dirty (AppDocument *self)
{
  g_return_val_if_fail (APP_IS_DOCUMENT (self), FALSE);
  return self->dirty;
}

void
app_document_set_dirty (AppDocument *self, gboolean dirty)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  if (self->dirty == !!dirty)
    return;
  self->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DIRTY]);
}

/* ---- pickers and spin buttons as views ---- */

typedef struct {
  const CamLibrary *lib;
  CamLibraryKind kind;
} PickerBinding;

static gboolean
id_to_selected (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  (void) b;
  const PickerBinding *pb = data;
  guint i = app_library_picker_index_of (pb->lib, pb->kind, g_value_get_string (from));
  if (i == G_MAXUINT)
    return FALSE;
  g_value_set_uint (to, i);
  return TRUE;
}

static gboolean
selected_to_id (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  (void) b;
  const PickerBinding *pb = data;
  const char *id = app_library_picker_id_at (pb->lib, pb->kind, g_value_get_uint (from));
  if (id == NULL)
    return FALSE;
  g_value_set_string (to, id);
  return TRUE;
}

void
app_document_bind_picker (AppDocument *self, GtkDropDown *picker, CamLibraryKind kind)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  g_return_if_fail (kind == CAM_LIBRARY_MATERIALS || kind == CAM_LIBRARY_MACHINES);
  PickerBinding *pb = g_new (PickerBinding, 1);
  pb->lib = self->lib;
  pb->kind = kind;
  g_object_bind_property_full (self, kind == CAM_LIBRARY_MATERIALS ? "material-id" : "machine-id", picker, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE, id_to_selected, selected_to_id, pb,
                               g_free);
}

void
app_document_bind_spin (AppDocument *self, GtkSpinButton *spin, const char *property)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  g_object_bind_property (self, property, gtk_spin_button_get_adjustment (spin), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

void
app_document_adopt_settings (AppDocument *self, GtkDropDown *material, GtkDropDown *machine,
                             GtkSpinButton *tolerance, GtkSpinButton *finish, GtkSpinButton *stock_margin)
{
  g_return_if_fail (APP_IS_DOCUMENT (self));
  GtkDropDown *pickers[] = { material, machine };
  const CamLibraryKind kinds[] = { CAM_LIBRARY_MATERIALS, CAM_LIBRARY_MACHINES };
  for (guint i = 0; i < G_N_ELEMENTS (pickers); i++)
    if (pickers[i] != NULL)
      {
        app_document_bind_picker (self, pickers[i], kinds[i]);
        app_form_row_set_visible (GTK_WIDGET (pickers[i]), FALSE);
      }
  GtkSpinButton *spins[] = { tolerance, finish, stock_margin };
  const char *const properties[] = { "tolerance", "finish", "stock-margin" };
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    if (spins[i] != NULL)
      {
        app_document_bind_spin (self, spins[i], properties[i]);
        app_form_row_set_visible (GTK_WIDGET (spins[i]), FALSE);
      }
}

/* ---- GObject ---- */

static void
app_document_get_property (GObject *obj, guint id, GValue *value, GParamSpec *pspec)
{
  AppDocument *self = APP_DOCUMENT (obj);
  switch (id)
    {
    case PROP_MATERIAL_ID: g_value_set_string (value, self->material_id); break;
    case PROP_MACHINE_ID: g_value_set_string (value, self->machine_id); break;
    case PROP_TOLERANCE: g_value_set_double (value, self->tolerance); break;
    case PROP_FINISH: g_value_set_double (value, self->finish); break;
    case PROP_STOCK_MARGIN: g_value_set_double (value, self->stock_margin); break;
    case PROP_MESH: g_value_set_pointer (value, self->mesh); break;
    case PROP_ANALYSIS: g_value_set_pointer (value, app_document_get_analysis (self)); break;
    case PROP_JOB: g_value_set_pointer (value, self->job); break;
    case PROP_PROGRAM_SHOWN: g_value_set_boolean (value, self->program_shown); break;
    case PROP_DIRTY: g_value_set_boolean (value, self->dirty); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (obj, id, pspec);
    }
}

static void
app_document_set_property (GObject *obj, guint id, const GValue *value, GParamSpec *pspec)
{
  AppDocument *self = APP_DOCUMENT (obj);
  switch (id)
    {
    case PROP_MATERIAL_ID: app_document_set_material_id (self, g_value_get_string (value)); break;
    case PROP_MACHINE_ID: app_document_set_machine_id (self, g_value_get_string (value)); break;
    case PROP_TOLERANCE: app_document_set_tolerance (self, g_value_get_double (value)); break;
    case PROP_FINISH: app_document_set_finish (self, g_value_get_double (value)); break;
    case PROP_STOCK_MARGIN: app_document_set_stock_margin (self, g_value_get_double (value)); break;
    case PROP_PROGRAM_SHOWN: app_document_set_program_shown (self, g_value_get_boolean (value)); break;
    case PROP_DIRTY: app_document_set_dirty (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (obj, id, pspec);
    }
}

static void
app_document_finalize (GObject *obj)
{
  AppDocument *self = APP_DOCUMENT (obj);
  g_clear_pointer (&self->rules, cam_dfm_rules_free);
  g_free (self->rules_error);
  g_free (self->material_id);
  g_free (self->machine_id);
  g_clear_pointer (&self->analysis, cam_analysis_unref);
  g_free (self->analysis_material);
  g_free (self->analysis_machine);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  g_clear_pointer (&self->job, cam_job_unref);
  G_OBJECT_CLASS (app_document_parent_class)->finalize (obj);
}

static void
app_document_class_init (AppDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = app_document_get_property;
  object_class->set_property = app_document_set_property;
  object_class->finalize = app_document_finalize;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  props[PROP_MATERIAL_ID] = g_param_spec_string ("material-id", NULL, NULL, NULL, rw);
  props[PROP_MACHINE_ID] = g_param_spec_string ("machine-id", NULL, NULL, NULL, rw);
  /* the ranges of the pages' spin buttons (app-ops-panel.c, app-dfm-panel.c) */
  props[PROP_TOLERANCE] = g_param_spec_double ("tolerance", NULL, NULL, 0, 1, 0.01, rw);
  props[PROP_FINISH] = g_param_spec_double ("finish", NULL, NULL, 0, 25, 0.8, rw);
  props[PROP_STOCK_MARGIN] = g_param_spec_double ("stock-margin", NULL, NULL, 0, 20, 0, rw);
  props[PROP_MESH] = g_param_spec_pointer ("mesh", NULL, NULL, ro);
  props[PROP_ANALYSIS] = g_param_spec_pointer ("analysis", NULL, NULL, ro);
  props[PROP_JOB] = g_param_spec_pointer ("job", NULL, NULL, ro);
  props[PROP_PROGRAM_SHOWN] = g_param_spec_boolean ("program-shown", NULL, NULL, FALSE, rw);
  props[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
app_document_init (AppDocument *self)
{
  self->lib = app_library_picker_default_library ();
  g_autoptr (GError) error = NULL;
  self->rules = cam_dfm_rules_new_default (&error);
  if (self->rules == NULL)
    self->rules_error = g_strdup_printf ("DFM rules: %s", error->message);
  /* the defaults of `microcam-cli plan` and of the Operations page before there was a
   * document: aluminium 6061 on the 60k rpm micro spindle, ±0.01 mm, Ra 0.8 µm */
  self->material_id = g_strdup ("al6061");
  self->machine_id = g_strdup ("micro60k");
  self->tolerance = 0.01;
  self->finish = 0.8;
}

AppDocument *
app_document_new (void)
{
  return g_object_new (APP_TYPE_DOCUMENT, NULL);
}
