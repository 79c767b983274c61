/* app-window.c — main window: opening files (drop, recent: app-open.c), view actions,
 * loading progress, the "no OpenGL" page, remembered size, and the window's document
 * (app-document.h) with its one material/machine choice in the header bar. */
#include "app-window.h"

#include <string.h>

#include "app-form.h"
#include "app-library-picker.h"

#include "app-part-loader.h"
#include "app-part-panel.h"
#include "app-dfm-panel.h"
#include "app-gcode-panel.h"
#include "app-error-dialog.h"
#include "app-open.h"
#include "app-ops-panel.h"
#include "app-window-state.h"
#include "cam-error.h"

#define RECENT_MAX 10

struct _AppWindow
{
  GtkApplicationWindow parent_instance;

  /* template */
  GtkHeaderBar *header_bar;
  GtkMenuButton *recent_button;
  GMenu *recent_menu;
  GtkPaned *paned;
  GtkStack *view_stack;
  GtkOverlay *overlay;
  RenderView *view;
  GtkWidget *empty_label;
  GtkWidget *load_box;
  GtkLabel *load_label;
  GtkProgressBar *load_progress;
  GtkLabel *gl_error_label;
  GtkStack *panel_stack;
  GtkWidget *panel_switcher;
  GtkMenuButton *process_button;
  GtkGrid *process_grid;

  AppDocument *document;

  AppPartPanel *part_panel;
  GMenu *recent_popover_menu;
  CamMesh *mesh;
  AppPartLoader *loader;
  guint progress_source;
  gboolean batch;
  gulong recent_changed_id;
  guint save_source;
  char *job_path;          /* the job shown on the Operations page, for the title */
  char *program_path;      /* the program on the G-code page, for the title without a part */
  gboolean job_modified;
};

enum { SIGNAL_MESH_CHANGED, SIGNAL_LOAD_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AppWindow, app_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- recent files ----------------------------------------------------------------- */

static gint
recent_newer_first (gconstpointer a, gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);
  return g_date_time_compare (tb, ta);
}

static void
rebuild_recent (AppWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GList *mine = NULL;
  guint n = 0;

  for (GList *l = items; l != NULL; l = l->next)
    if (gtk_recent_info_has_application (l->data, g_get_application_name ()) &&
        gtk_recent_info_is_local (l->data) && gtk_recent_info_exists (l->data))
      mine = g_list_prepend (mine, l->data);
  mine = g_list_sort (mine, recent_newer_first);

  g_menu_remove_all (self->recent_menu);
  g_menu_remove_all (self->recent_popover_menu);
  for (GList *l = mine; l != NULL && n < RECENT_MAX; l = l->next, n++)
    {
      const char *uri = gtk_recent_info_get_uri (l->data);
      g_autoptr (GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (l->data), NULL);
      g_menu_item_set_action_and_target (item, "win.open-file", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      g_menu_append_item (self->recent_popover_menu, item);
    }
  if (n == 0)
    {
      g_autoptr (GMenuItem) none = g_menu_item_new ("No recent files", "win.no-recent");
      g_menu_append_item (self->recent_popover_menu, none);
    }
  g_list_free (mine);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
app_window_remember_recent (AppWindow *self, const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *content_type = g_content_type_guess (path, NULL, 0, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (content_type);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = mime != NULL ? mime : (char *) "application/octet-stream",
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "microcam %f",
    .groups = NULL,
    .is_private = FALSE,
  };
  g_return_if_fail (APP_IS_WINDOW (self));
  if (self->batch || path == NULL)
    return;
  if (uri != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* ---- loading -------------------------------------------------------------------- */

static void
set_loading_ui (AppWindow *self, gboolean loading)
{
  gtk_widget_set_visible (self->load_box, loading);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-load")),
                               loading);
  if (!loading && self->progress_source != 0)
    {
      g_source_remove (self->progress_source);
      self->progress_source = 0;
    }
}

static gboolean
progress_tick (gpointer data)
{
  AppWindow *self = data;
  if (self->loader != NULL)
    gtk_progress_bar_set_fraction (self->load_progress, app_part_loader_get_fraction (self->loader));
  return G_SOURCE_CONTINUE;
}

void
app_window_show_open_error (AppWindow *self, GFile *file, const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *primary = g_strdup_printf ("Could not open “%s”", name);
  static const char *const titles[] = { [APP_FILE_PART] = "Could not open the part",
                                        [APP_FILE_JOB] = "Could not open the job",
                                        [APP_FILE_GCODE] = "Could not open the G-code program" };
  app_error_dialog_show (GTK_WIDGET (self), titles[app_open_classify (name)], primary, error->message);
}

/* "part.stl — microcam"; with a job "job.json (part.stl) — microcam", and a leading "*"
 * while the job has changes not saved (a new plan counts: it has no file yet). */
static void
update_title (AppWindow *self)
{
  g_autofree char *part = self->mesh && self->mesh->source_path ? g_path_get_basename (self->mesh->source_path) : NULL;
  g_autofree char *job = self->job_path ? g_path_get_basename (self->job_path) : NULL;
  g_autofree char *title = NULL;
  const char *mark = self->job_modified ? "*" : "";
  if (job && part)
    title = g_strdup_printf ("%s%s (%s) — microcam", mark, job, part);
  else if (job || part)
    title = g_strdup_printf ("%s%s%s — microcam", mark, job ? job : part, self->job_modified && !job ? " (unsaved job)" : "");
  else if (self->program_path)
    {
      g_autofree char *program = g_path_get_basename (self->program_path);
      title = g_strdup_printf ("%s — microcam", program);
    }
  else
    title = g_strdup ("microcam");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
app_window_set_job (AppWindow *self, const char *job_path, gboolean modified)
{
  g_return_if_fail (APP_IS_WINDOW (self));
  char *copy = g_strdup (job_path);
  g_free (self->job_path);
  self->job_path = copy;
  self->job_modified = !!modified;
  update_title (self);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer data)
{
  AppWindow *self = data;                 /* a reference held by the load */
  AppPartLoader *loader = APP_PART_LOADER (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (AppLoadedPart) part = app_part_loader_load_finish (loader, result, &error);

  if (self->loader == loader)
    {
      g_clear_object (&self->loader);
      set_loading_ui (self, FALSE);
    }

  if (part == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_signal_emit (self, signals[SIGNAL_LOAD_FAILED], 0, error);
          if (!self->batch && gtk_widget_get_visible (GTK_WIDGET (self)))
            app_window_show_open_error (self, app_part_loader_get_file (loader), error);
        }
      g_object_unref (self);
      return;
    }

  g_clear_pointer (&self->mesh, cam_mesh_unref);
  self->mesh = cam_mesh_ref (part->mesh);
  app_document_set_mesh (self->document, self->mesh);
  render_view_set_mesh (self->view, part->render_mesh);
  app_part_panel_set_mesh (self->part_panel, self->mesh, part->seconds);
  gtk_widget_set_visible (self->empty_label, FALSE);
  update_title (self);
  app_window_remember_recent (self, part->path);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  g_signal_emit (self, signals[SIGNAL_MESH_CHANGED], 0);
  g_object_unref (self);
}

void
app_window_open (AppWindow *self, GFile *file)
{
  g_autofree char *name = NULL;
  g_return_if_fail (APP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->loader != NULL)
    {
      app_part_loader_cancel (self->loader);
      g_clear_object (&self->loader);
    }
  name = g_file_get_basename (file);
  {
    g_autofree char *text = g_strdup_printf ("Loading %s…", name);
    gtk_label_set_text (self->load_label, text);
  }
  gtk_progress_bar_set_fraction (self->load_progress, 0.0);
  set_loading_ui (self, TRUE);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, progress_tick, self);

  self->loader = app_part_loader_new (file);
  app_part_loader_load_async (self->loader, load_done, g_object_ref (self));
}

gboolean
app_window_is_loading (AppWindow *self)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), FALSE);
  return self->loader != NULL;
}

/* ---- actions -------------------------------------------------------------------- */

static void
view_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  AppWindow *self = data;
  RenderCameraView preset;
  (void) action;
  if (render_camera_view_from_string (g_variant_get_string (param, NULL), &preset))
    render_view_set_view (self->view, preset);
}

static void
fit_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  AppWindow *self = data;
  (void) action;
  (void) param;
  render_view_fit (self->view);
}

static void
show_edges_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  AppWindow *self = data;
  g_simple_action_set_state (action, state);
  render_view_set_show_edges (self->view, g_variant_get_boolean (state));
}

static void
wireframe_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  AppWindow *self = data;
  g_simple_action_set_state (action, state);
  render_view_set_wireframe (self->view, g_variant_get_boolean (state));
}

static void
show_grid_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  AppWindow *self = data;
  g_simple_action_set_state (action, state);
  render_view_set_show_grid (self->view, g_variant_get_boolean (state));
}

static void
projection_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  AppWindow *self = data;
  const char *name = g_variant_get_string (state, NULL);
  if (!g_str_equal (name, "perspective") && !g_str_equal (name, "orthographic"))
    return;
  g_simple_action_set_state (action, state);
  render_view_set_orthographic (self->view, g_str_equal (name, "orthographic"));
}

static void
toggle_projection_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  AppWindow *self = data;
  (void) action;
  (void) param;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "projection",
                                      g_variant_new_string (render_view_get_orthographic (self->view)
                                                            ? "perspective" : "orthographic"));
}

static void
fullscreen_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  AppWindow *self = data;
  g_simple_action_set_state (action, state);
  if (g_variant_get_boolean (state))
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

static void
open_file_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  AppWindow *self = data;
  const char *s = g_variant_get_string (param, NULL);
  g_autoptr (GFile) file = NULL;
  g_autofree char *scheme = g_uri_parse_scheme (s);
  (void) action;
  file = scheme != NULL ? g_file_new_for_uri (s) : g_file_new_for_path (s);
  app_open_file_or_report (self, file);
}

static void
cancel_load_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  AppWindow *self = data;
  (void) action;
  (void) param;
  if (self->loader != NULL)
    app_part_loader_cancel (self->loader);
}

static const GActionEntry win_entries[] = {
  { "view", view_activated, "s", NULL, NULL, { 0 } },
  { "fit", fit_activated, NULL, NULL, NULL, { 0 } },
  { "show-edges", NULL, NULL, "true", show_edges_changed, { 0 } },
  { "wireframe", NULL, NULL, "false", wireframe_changed, { 0 } },
  { "show-grid", NULL, NULL, "true", show_grid_changed, { 0 } },
  { "projection", NULL, "s", "'perspective'", projection_changed, { 0 } },
  { "toggle-projection", toggle_projection_activated, NULL, NULL, NULL, { 0 } },
  { "fullscreen", NULL, NULL, "false", fullscreen_changed, { 0 } },
  { "open-file", open_file_activated, "s", NULL, NULL, { 0 } },
  { "cancel-load", cancel_load_activated, NULL, NULL, NULL, { 0 } },
};

static void
fullscreened_notify (AppWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "fullscreen");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (gtk_window_is_fullscreen (GTK_WINDOW (self))));
}

/* Single-key shortcuts belong to the 3D view only, so typing in a panel's entry is safe. */
static void
add_view_shortcuts (AppWindow *self)
{
  static const struct { const char *keys; const char *action; const char *arg; } keys[] = {
    { "f|Home|KP_Home", "win.fit", NULL },
    { "7|KP_7", "win.view", "top" },
    { "1|KP_1", "win.view", "front" },
    { "3|KP_3", "win.view", "right" },
    { "0|KP_0", "win.view", "iso" },
    { "5|KP_5", "win.toggle-projection", NULL },
    { "e", "win.show-edges", NULL },
    { "w", "win.wireframe", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].keys),
                                                gtk_named_action_new (keys[i].action));
      if (keys[i].arg != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].arg));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->view), controller);
}

/* Undo and Redo of the Operations page's edits (win.undo, win.redo: the page's actions,
 * app-ops-page.c). On the window in the bubble phase, so a text field with the focus keeps
 * Ctrl+Z for its own text and the rest of the window gets the job's. */
static void
add_edit_shortcuts (AppWindow *self)
{
  static const struct { const char *keys; const char *action; } keys[] = {
    { "<Control>z", "win.undo" },
    { "<Control><Shift>z|<Control>y", "win.redo" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].keys),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- drag and drop, OpenGL failure, size ------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
  AppWindow *self = data;
  (void) target;
  (void) x;
  (void) y;
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      app_open_file_or_report (self, g_value_get_object (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      if (files != NULL)
        {
          app_open_file_or_report (self, files->data);
          return TRUE;
        }
    }
  return FALSE;
}

static void
gl_failed_cb (RenderView *view, const char *message, AppWindow *self)
{
  (void) view;
  gtk_label_set_text (self->gl_error_label, message);
  gtk_stack_set_visible_child_name (self->view_stack, "no-gl");
}

static void
save_state (AppWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  AppWindowState state;
  g_autoptr (GError) error = NULL;

  if (self->batch)
    return;
  app_window_state_load (&state);
  state.maximized = gtk_window_is_maximized (window);
  if (!state.maximized && !gtk_window_is_fullscreen (window))
    {
      /* the size now (the user may have resized it), not the size it opened with; the
       * surface's size is what gtk_window_set_default_size() asks for (decorations
       * included), so restoring gives the same window */
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
      if (surface != NULL)
        {
          state.width = gdk_surface_get_width (surface);
          state.height = gdk_surface_get_height (surface);
        }
    }
  if (gtk_widget_get_width (GTK_WIDGET (self->paned)) > 0)
    state.panel_width = gtk_widget_get_width (GTK_WIDGET (self->paned)) - gtk_paned_get_position (self->paned);
  if (!app_window_state_save (&state, &error))
    g_warning ("Window size not remembered: %s", error->message);
}

static gboolean
save_state_timeout (gpointer data)
{
  AppWindow *self = data;
  self->save_source = 0;
  save_state (self);
  return G_SOURCE_REMOVE;
}

/* Saved shortly after each resize too, so a crash or a kill keeps it. */
static void
schedule_save (AppWindow *self)
{
  if (self->batch)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (400, save_state_timeout, self);
}

static void
surface_layout_cb (GdkSurface *surface, int width, int height, AppWindow *self)
{
  (void) surface;
  (void) width;
  (void) height;
  schedule_save (self);
}

static void
realize_cb (GtkWidget *widget, gpointer data)
{
  (void) data;
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (widget)), "layout",
                           G_CALLBACK (surface_layout_cb), widget, 0);
}

static gboolean
close_request_cb (GtkWindow *window, gpointer data)
{
  AppWindow *self = APP_WINDOW (window);
  (void) data;

  if (self->loader != NULL)
    app_part_loader_cancel (self->loader);
  g_clear_handle_id (&self->save_source, g_source_remove);
  save_state (self);
  return FALSE;
}

static void
restore_state (AppWindow *self)
{
  AppWindowState state;
  app_window_state_load (&state);
  gtk_window_set_default_size (GTK_WINDOW (self), state.width, state.height);
  if (state.maximized)
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, MAX (state.width - state.panel_width, 200));
}

/* ---- object -------------------------------------------------------------------- */

static void
app_window_dispose (GObject *object)
{
  AppWindow *self = APP_WINDOW (object);
  if (self->loader != NULL)
    app_part_loader_cancel (self->loader);
  g_clear_object (&self->loader);
  if (self->progress_source != 0)
    {
      g_source_remove (self->progress_source);
      self->progress_source = 0;
    }
  g_clear_signal_handler (&self->recent_changed_id, gtk_recent_manager_get_default ());
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  g_clear_pointer (&self->job_path, g_free);
  g_clear_pointer (&self->program_path, g_free);
  g_clear_object (&self->recent_popover_menu);
  g_clear_object (&self->document);
  /* no gtk_widget_dispose_template(): GtkWindow unparents its titlebar and child itself,
   * and doing it twice unparents a freed header bar */
  G_OBJECT_CLASS (app_window_parent_class)->dispose (object);
}

static void
app_window_class_init (AppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = app_window_dispose;

  signals[SIGNAL_MESH_CHANGED] =
    g_signal_new ("mesh-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (RENDER_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/microcam/Microcam/ui/app-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AppWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, view);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, load_box);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, gl_error_label);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, panel_switcher);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, process_button);
  gtk_widget_class_bind_template_child (widget_class, AppWindow, process_grid);
}

/* The header bar's process button: the document's choice in a few words, the pickers in its
 * popover. */
static void
process_label_update (AppWindow *self)
{
  AppDocument *d = self->document;
  const CamLibrary *lib = app_document_get_library (d);
  const CamMaterial *mat = cam_library_find_material (lib, app_document_get_material_id (d));
  const CamMachine *mach = cam_library_find_machine (lib, app_document_get_machine_id (d));
  /* in words but short: the material's name without its condition ("316L stainless steel"),
   * the machine's up to its first comma ("Micro mill"); the tooltip gives both in full */
  const char *mat_name = mat && mat->name ? mat->name : app_document_get_material_id (d);
  const char *mach_name = mach && mach->name ? mach->name : app_document_get_machine_id (d);
  g_autofree char *mat_short = g_strndup (mat_name, strcspn (mat_name, "(,"));
  g_autofree char *mach_short = g_strndup (mach_name, strcspn (mach_name, "(,"));
  g_strchomp (mat_short);
  g_strchomp (mach_short);
  /* the machine last: it is the part an ellipsis may take */
  g_autofree char *text = g_strdup_printf ("%s · ±%g mm · Ra %g µm · %s", mat_short, app_document_get_tolerance (d),
                                           app_document_get_finish (d), mach_short);
  /* a label of its own that ellipsizes, so a long material name never widens the window */
  GtkWidget *label = gtk_menu_button_get_child (self->process_button);
  if (!GTK_IS_LABEL (label))
    {
      label = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_menu_button_set_child (self->process_button, label);
      gtk_menu_button_set_always_show_arrow (self->process_button, TRUE);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  g_autofree char *tip = g_strdup_printf ("Material: %s\nMachine: %s\nTolerance ±%g mm, finish Ra %g µm — click to change",
                                          mat_name, mach_name, app_document_get_tolerance (d),
                                          app_document_get_finish (d));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->process_button), tip);
}

static void
build_process_popover (AppWindow *self)
{
  const CamLibrary *lib = app_document_get_library (self->document);
  GtkDropDown *material = app_library_picker_new (lib, CAM_LIBRARY_MATERIALS);
  GtkDropDown *machine = app_library_picker_new (lib, CAM_LIBRARY_MACHINES);
  /* the ranges of the pages' spin buttons before there was one choice */
  GtkSpinButton *tolerance = app_form_spin (0.0005, 1, 0.001, 4, 0.01);
  GtkSpinButton *finish = app_form_spin (0.05, 25, 0.1, 2, 0.8);
  GtkSpinButton *margin = app_form_spin (0, 20, 0.1, 2, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (material), "The part's material: every page reviews, plans and checks in it");
  gtk_widget_set_tooltip_text (GTK_WIDGET (machine), "The machine: spindle, feeds and kinematics for every page");
  gtk_widget_set_tooltip_text (GTK_WIDGET (tolerance), "Tightest tolerance, ± mm (DFM review and planning)");
  gtk_widget_set_tooltip_text (GTK_WIDGET (finish), "Finish target Ra, µm (DFM review and planning)");
  gtk_widget_set_tooltip_text (GTK_WIDGET (margin), "Stock beyond the part in X, Y and on top, mm (planning)");
  app_form_row (self->process_grid, 0, "Material", GTK_WIDGET (material));
  app_form_row (self->process_grid, 1, "Machine", GTK_WIDGET (machine));
  app_form_row (self->process_grid, 2, "Tolerance ± mm", GTK_WIDGET (tolerance));
  app_form_row (self->process_grid, 3, "Finish Ra µm", GTK_WIDGET (finish));
  app_form_row (self->process_grid, 4, "Stock margin mm", GTK_WIDGET (margin));
  app_document_bind_picker (self->document, material, CAM_LIBRARY_MATERIALS);
  app_document_bind_picker (self->document, machine, CAM_LIBRARY_MACHINES);
  app_document_bind_spin (self->document, tolerance, "tolerance");
  app_document_bind_spin (self->document, finish, "finish");
  app_document_bind_spin (self->document, margin, "stock-margin");
  const char *const shown[] = { "notify::material-id", "notify::machine-id", "notify::tolerance", "notify::finish" };
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    g_signal_connect_object (self->document, shown[i], G_CALLBACK (process_label_update), self, G_CONNECT_SWAPPED);
  process_label_update (self);
}

static void
app_window_init (AppWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);
  set_loading_ui (self, FALSE);
  add_view_shortcuts (self);
  add_edit_shortcuts (self);

  self->recent_popover_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (self->recent_popover_menu));
  self->recent_changed_id = g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                                                      G_CALLBACK (rebuild_recent), self);
  rebuild_recent (self);

  /* The switcher's buttons are all as wide as "Operations" by default: with five pages
   * that alone made the side panel 545 px wide. Each as wide as its own title: ~390 px. */
  GtkLayoutManager *switcher_layout = gtk_widget_get_layout_manager (self->panel_switcher);
  if (GTK_IS_BOX_LAYOUT (switcher_layout))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (switcher_layout), FALSE);

  self->document = app_document_new ();
  build_process_popover (self);

  self->part_panel = APP_PART_PANEL (app_part_panel_new ());
  app_window_add_panel (self, GTK_WIDGET (self->part_panel), "part", "Part");
  app_dfm_panel_attach (GTK_WIDGET (self));
  app_ops_panel_attach (GTK_WIDGET (self));
  app_gcode_panel_attach (GTK_WIDGET (self));

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self->view, "gl-failed", G_CALLBACK (gl_failed_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect_after (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect_swapped (self, "notify::maximized", G_CALLBACK (schedule_save), self);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_notify), NULL);
  restore_state (self);
}

AppWindow *
app_window_new (GtkApplication *app)
{
  return g_object_new (APP_TYPE_WINDOW, "application", app, NULL);
}

CamMesh *
app_window_get_mesh (AppWindow *self)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), NULL);
  return self->mesh;
}

RenderView *
app_window_get_view (AppWindow *self)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), NULL);
  return self->view;
}

const char *
app_window_get_gl_error (AppWindow *self)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), NULL);
  return render_view_get_gl_error (self->view);
}

void
app_window_add_panel (AppWindow *self, GtkWidget *panel, const char *name, const char *title)
{
  GtkWidget *scrolled;
  g_return_if_fail (APP_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));
  g_return_if_fail (name != NULL && title != NULL);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), panel);
  gtk_stack_add_titled (self->panel_stack, scrolled, name, title);
}

GtkWidget *
app_window_get_panel (AppWindow *self, const char *name)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), NULL);
  GtkWidget *scrolled = gtk_stack_get_child_by_name (self->panel_stack, name);
  if (scrolled == NULL)
    return NULL;
  /* app_window_add_panel put the panel in a scrolled window, which wraps it in a viewport */
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  return GTK_IS_VIEWPORT (child) ? gtk_viewport_get_child (GTK_VIEWPORT (child)) : child;
}

AppDocument *
app_window_get_document (AppWindow *self)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), NULL);
  return self->document;
}

void
app_window_show_panel (AppWindow *self, const char *name)
{
  g_return_if_fail (APP_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->panel_stack, name);
}

void
app_window_set_batch_mode (AppWindow *self, gboolean batch)
{
  g_return_if_fail (APP_IS_WINDOW (self));
  self->batch = !!batch;
}

gboolean
app_window_get_batch_mode (AppWindow *self)
{
  g_return_val_if_fail (APP_IS_WINDOW (self), FALSE);
  return self->batch;
}

void
app_window_set_empty_hint_visible (AppWindow *self, gboolean visible)
{
  g_return_if_fail (APP_IS_WINDOW (self));
  gtk_widget_set_visible (self->empty_label, visible && self->mesh == NULL);
}

void
app_window_set_program (AppWindow *self, const char *path)
{
  g_return_if_fail (APP_IS_WINDOW (self));
  char *copy = g_strdup (path);
  g_free (self->program_path);
  self->program_path = copy;
  update_title (self);
}
