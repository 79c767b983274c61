#!/bin/bash
# Every test runs in a private, empty HOME and XDG folders (tests/with-private-home.sh, meson's
# default test setup): this test runs under it like every other one and checks (1) that it does,
# (2) that microcam-cli then sees only the bundled libraries, and (3) that a material in a user's
# ~/.config/microcam/materials/ — one that microcam-cli does read without the wrapper — is not
# seen through the wrapper, and the private folders are gone afterwards.
set -u
cli=${MICROCAM_CLI:?}
src=${MICROCAM_SOURCE_DIR:?}
wrap="$src/tests/with-private-home.sh"
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }

# (1) this test itself runs under the wrapper
check "the test runs under with-private-home.sh (MICROCAM_PRIVATE_HOME set)" "[ -n \"\${MICROCAM_PRIVATE_HOME:-}\" ]"
[ -n "${MICROCAM_PRIVATE_HOME:-}" ] || { echo "not ok - run it through meson test (or $wrap)"; exit 1; }
user_home=$(getent passwd "$(id -u)" | cut -d: -f6)
check "XDG_CONFIG_HOME is the private one" "[ \"\$XDG_CONFIG_HOME\" = \"\$MICROCAM_PRIVATE_HOME/config\" ]"
check "HOME is the private one" "[ \"\$HOME\" = \"\$MICROCAM_PRIVATE_HOME/home\" ]"
check "XDG_DATA_HOME and XDG_CACHE_HOME are private" \
  "[ \"\$XDG_DATA_HOME\" = \"\$MICROCAM_PRIVATE_HOME/data\" ] && [ \"\$XDG_CACHE_HOME\" = \"\$MICROCAM_PRIVATE_HOME/cache\" ]"
check "XDG_CONFIG_HOME is not the user's ($user_home/.config)" "[ \"\$XDG_CONFIG_HOME\" != \"$user_home/.config\" ]"
check "the private config folder starts empty" "[ -d \"\$XDG_CONFIG_HOME\" ] && [ -z \"\$(ls -A \"\$XDG_CONFIG_HOME\")\" ]"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# (2) only the bundled libraries: the ids listed are exactly those of resources/*/NAME.json
for kind in materials tools machines; do
  "$cli" "$kind" --json >"$tmp/$kind.json" 2>"$tmp/$kind.err"; rc=$?
  check "$kind --json exits 0 without warnings" "[ $rc -eq 0 ] && [ ! -s '$tmp/$kind.err' ]"
  python3 - "$kind" "$tmp/$kind.json" "$src/resources/$kind/$kind.json" <<'PY' || fail=1
import json, sys
kind, listed, bundled = sys.argv[1:]
got = sorted(e["id"] for e in json.load(open(listed))[kind])
want = sorted(e["id"] for e in json.load(open(bundled))[kind])
assert got == want, (kind, set(got) ^ set(want))
print("ok - %s: exactly the %d bundled entries" % (kind, len(want)))
PY
done

# (3) a user with a material of their own in ~/.config/microcam/materials/
fake="$tmp/user"
mkdir -p "$fake/.config/microcam/materials"
python3 - "$src/resources/materials/materials.json" "$fake/.config/microcam/materials/shop.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["materials"][0]
m["id"] = "users-own-alloy"
m["name"] = "a material only the user has"
json.dump({"materials": [m]}, open(sys.argv[2], "w"))
PY
has_user_material() { python3 -c 'import json, sys; sys.exit(0 if "users-own-alloy" in {m["id"] for m in json.load(open(sys.argv[1]))["materials"]} else 1)' "$1"; }

# without the wrapper microcam-cli reads it (else the next checks would prove nothing)…
HOME="$fake" XDG_CONFIG_HOME="$fake/.config" "$cli" materials --json >"$tmp/user.json"
check "without the wrapper the user's material is listed (XDG_CONFIG_HOME set)" "has_user_material '$tmp/user.json'"
(unset XDG_CONFIG_HOME; HOME="$fake" "$cli" materials --json) >"$tmp/user-home.json"
check "without the wrapper the user's material is listed (from HOME/.config)" "has_user_material '$tmp/user-home.json'"
# …through it, not
HOME="$fake" XDG_CONFIG_HOME="$fake/.config" "$wrap" "$cli" materials --json >"$tmp/wrapped.json"; rc=$?
check "through the wrapper it is not (XDG_CONFIG_HOME set)" "[ $rc -eq 0 ] && ! has_user_material '$tmp/wrapped.json'"
(unset XDG_CONFIG_HOME; HOME="$fake" "$wrap" "$cli" materials --json) >"$tmp/wrapped-home.json"; rc=$?
check "through the wrapper it is not (from HOME/.config)" "[ $rc -eq 0 ] && ! has_user_material '$tmp/wrapped-home.json'"

# the wrapper's folders: fresh for each run, never the user's, removed afterwards, status passed on
HOME="$fake" XDG_CONFIG_HOME="$fake/.config" "$wrap" sh -c \
  'echo "$MICROCAM_PRIVATE_HOME $XDG_CONFIG_HOME $HOME"; touch "$XDG_CONFIG_HOME/left-behind"; exit 3' >"$tmp/run1"; rc=$?
read -r p1 c1 h1 <"$tmp/run1"
check "the wrapper passes the command's exit status on" "[ $rc -eq 3 ]"
check "the wrapper's folders are not the user's" "[ '$c1' != '$fake/.config' ] && [ '$h1' != '$fake' ]"
check "the wrapper removes its folders afterwards" "[ -n '$p1' ] && [ ! -e '$p1' ]"
"$wrap" sh -c 'echo "$MICROCAM_PRIVATE_HOME"; ls -A "$XDG_CONFIG_HOME"' >"$tmp/run2"
check "a second run gets another, empty folder" "[ \"\$(head -n1 '$tmp/run2')\" != '$p1' ] && [ \$(wc -l <'$tmp/run2') -eq 1 ]"
check "the user's own files are untouched" "[ \$(ls -A '$fake/.config/microcam/materials') = shop.json ] && [ ! -e '$fake/.config/left-behind' ]"
exit $fail
