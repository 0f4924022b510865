#!/usr/bin/env bash
# What the tests need beyond npm, from Debian, installed when missing: Chromium to print PDFs (and drive the
# browser), the Noto CJK fonts it sets Chinese in, poppler-utils to read PDFs back and turn pages into PNG.
# Run by `npm test` before anything else, so that the README's test command works on a fresh machine.
# `system-deps.sh bench` (run by `npm run bench`) also wants wrk, the load generator of the API benchmark.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# (grep reads the whole list: with -q it would stop early and fc-list would fail on the closed pipe under pipefail)
fc-list 2>/dev/null | grep 'Noto Sans CJK SC' >/dev/null || missing+=(fonts-noto-cjk)
[ "${1:-}" = bench ] && ! command -v wrk >/dev/null 2>&1 && missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "chainatlas: installing ${missing[*]} (Debian packages the tests need)" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "chainatlas: the tests need ${missing[*]}; install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y "${missing[@]}"
