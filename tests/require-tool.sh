# require-tool.sh — sourced by the shell tests that need an outside judge (rs274, openscad):
#
#   . "$MICROCAM_SOURCE_DIR/tests/require-tool.sh"
#   if require_tool rs274 linuxcnc-uspace; then … fi
#
# A missing tool is a broken set-up, not a pass: scripts/test.sh installs both through
# scripts/install-deps.sh, so require_tool prints "not ok - … is required" and ends the test with
# status 1. Only a developer without the tool may skip, by MICROCAM_ALLOW_MISSING_TOOLS=1, and never
# where CI is set: then it says so and returns 1, and the caller leaves out what needs the tool.
# The same rule as RS274_REQUIRED() in tests/rs274-check.h for the C tests.
require_tool() {
  local tool=$1 package=$2
  command -v "$tool" >/dev/null 2>&1 && return 0
  local message="$tool (Debian $package) is required: run scripts/install-deps.sh"
  if [ "${MICROCAM_ALLOW_MISSING_TOOLS:-}" = 1 ] && [ -z "${CI:-}" ]; then
    echo "ok - SKIPPED, $message (MICROCAM_ALLOW_MISSING_TOOLS=1)"
    return 1
  fi
  echo "not ok - $message"
  exit 1
}
