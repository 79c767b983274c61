#!/bin/bash
# test.sh — installs what is missing, builds, and runs the whole suite twice (plain, then under
# AddressSanitizer + UndefinedBehaviorSanitizer), then a short bounded libFuzzer run of every parser.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

scripts/build.sh build
meson test -C build --print-errorlogs --num-processes 2

scripts/build.sh build-asan -Db_sanitize=address,undefined -Db_lundef=false
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-asan --print-errorlogs --num-processes 2 --no-suite gui

CC=clang scripts/build.sh build-fuzz -Dfuzz=true -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false
meson test -C build-fuzz --print-errorlogs --suite fuzz-run --num-processes 2
echo "test.sh: all suites passed"
