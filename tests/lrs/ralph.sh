#!/usr/bin/env bash
# Install the pinned Ralph LRS for kata's tests into target/lrs/venv (once;
# later runs reuse it) and print the venv's python. The tests then start
# tests/lrs/ralph_lrs.py with it, one fresh LRS per test.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/lrs/venv
pins=("ralph-malph[cli,lrs]==5.1.0" "requests==2.34.2")
stamp="$venv/.kata-pins"
if [[ ! -x "$venv/bin/python" ]] || [[ "$(cat "$stamp" 2>/dev/null)" != "${pins[*]}" ]]; then
  mkdir -p target/lrs
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}" >&2
  echo "${pins[*]}" > "$stamp"
fi
echo "$PWD/$venv/bin/python"
