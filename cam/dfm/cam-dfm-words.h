/* cam-dfm-words.h — DFM rule ids and critical-feature kinds in words, for people.
 *
 * The ids ("corner-radius", "smallest_hole") are contracts of the JSON report and the tests;
 * the app and the HTML report show these titles instead, and keep the id only as a tooltip. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Inside corner sharper than the tools" for "corner-radius"; the id itself when unknown. */
const char *cam_dfm_rule_title     (const char *rule);
/* "Smallest hole" for "smallest_hole"; the id itself when unknown. */
const char *cam_dfm_critical_title (const char *what);

G_END_DECLS
