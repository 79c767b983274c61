/* cam-dfm-words.c — one table of the DFM rules and critical kinds in words (cam-dfm-words.h). */
#include "cam-dfm-words.h"

#include <string.h>

typedef struct {
  const char *id;
  const char *title;
} Words;

static const Words rules[] = {
  { "micro-feature", "Micro feature" },
  { "hole-below-drill", "Hole smaller than any drill" },
  { "hole-hard-material", "Material too hard to drill" },
  { "hole-too-deep", "Hole too deep to drill" },
  { "hole-drill-size", "No drill of this size" },
  { "hole-peck", "Peck drilling" },
  { "hole-drill-length", "Hole deeper than the drill's flutes" },
  { "hole-flat-bottom", "Flat-bottomed blind hole" },
  { "corner-radius", "Inside corner sharper than the tools" },
  { "corner-tight", "Inside corner close to the tool radius" },
  { "pocket-too-narrow", "Too narrow for any end mill" },
  { "deep-pocket", "Floor beyond the tools' reach" },
  { "pocket-aspect", "Deep and narrow" },
  { "tolerance-deflection", "Tool bends beyond the tolerance" },
  { "thin-wall", "Thin wall" },
  { "wall-too-tall", "Wall tall for its thickness" },
  { "wall-deflection", "Wall bends under the finishing pass" },
  { "spindle-speed", "Spindle too slow for the tool" },
  { "tolerance-trial-cut", "Tolerance needs trial cuts" },
  { "finish-polish", "Finish needs polishing" },
  { "finish-fine", "Finish needs fine passes" },
};

static const Words critical[] = {
  { "smallest_hole", "Smallest hole" },
  { "tightest_radius", "Tightest inside radius" },
  { "thinnest_wall", "Thinnest wall" },
  { "deepest_narrow_pocket", "Deepest narrow pocket" },
  { "tightest_tolerance", "Tightest tolerance" },
};

static const char *
lookup (const Words *table, gsize n, const char *id)
{
  for (gsize i = 0; id != NULL && i < n; i++)
    if (strcmp (table[i].id, id) == 0)
      return table[i].title;
  return id != NULL ? id : "";
}

const char *
cam_dfm_rule_title (const char *rule)
{
  return lookup (rules, G_N_ELEMENTS (rules), rule);
}

const char *
cam_dfm_critical_title (const char *what)
{
  return lookup (critical, G_N_ELEMENTS (critical), what);
}
