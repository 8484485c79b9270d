#!/usr/bin/env bash
# Install the pinned editor-side consumers of `kata schema` (ajv, taplo's CLI,
# taplo's language server; versions in package-lock.json) into
# target/npm (once; later runs reuse it) and print that folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=target/npm
stamp="$dir/.kata-lock"
if [[ ! -d "$dir/node_modules" ]] || ! cmp -s tests/npm/package-lock.json "$stamp"; then
  mkdir -p "$dir"
  cp tests/npm/package.json tests/npm/package-lock.json "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp tests/npm/package-lock.json "$stamp"
fi
cp tests/npm/*.mjs "$dir/"
echo "$PWD/$dir"
