#!/bin/bash
# Behaviour stays the same across refactors: every output of golden-commands.sh (stdout, exit code,
# job files, programs, the report) matches, byte for byte, what the build before the issue-10
# restructuring produced (tests/cli/golden.sha256; the stdout files themselves are in golden/ so a
# difference can be read). A deliberate change of output regenerates both with golden-commands.sh.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$src/tests/cli/golden-commands.sh" "$cli" "$src" "$tmp/out"
fail=0
(cd "$tmp/out" && sha256sum * >"$tmp/now.sha256")
if diff -u "$src/tests/cli/golden.sha256" "$tmp/now.sha256"; then
  echo "ok - $(wc -l <"$tmp/now.sha256") outputs byte-identical to the golden run"
else
  fail=1
  for f in "$src"/tests/cli/golden/*.out; do
    diff -u "$f" "$tmp/out/$(basename "$f")" | head -40
  done
  echo "not ok - outputs differ from the golden run"
fi
exit $fail
