#!/usr/bin/env bash
# Prints the path of a working Python interpreter of the wanted minor version, or explains
# what to install and exits 1.  Usage: scripts/find-python.sh 3.10 [uv-binary]
#
# Order: $LOTSE_BOT_PYTHON (an explicit choice), pyenv's, one on PATH that actually runs
# (pyenv's shims refuse to run unless their version is selected), then a uv-managed one.
# Nothing is ever downloaded: uv is asked with UV_PYTHON_DOWNLOADS=never.
set -euo pipefail
want="${1:?usage: find-python.sh MAJOR.MINOR [uv]}"
uv_bin="${2:-}"

works() {  # does "$1" run and report the wanted version?
  [ -n "$1" ] && [ -x "$1" ] || return 1
  "$1" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$want' else 1)" \
    >/dev/null 2>&1
}

if [ -n "${LOTSE_BOT_PYTHON:-}" ]; then
  if works "$LOTSE_BOT_PYTHON"; then echo "$LOTSE_BOT_PYTHON"; exit 0; fi
  echo "LOTSE_BOT_PYTHON=$LOTSE_BOT_PYTHON is not a working Python $want." >&2
  exit 1
fi

if command -v pyenv >/dev/null 2>&1; then
  root="$(pyenv root)"
  for version in $(pyenv versions --bare 2>/dev/null | grep -E "^${want//./\\.}(\.[0-9]+)?$" | sort -rV); do
    candidate="$root/versions/$version/bin/python$want"
    if works "$candidate"; then echo "$candidate"; exit 0; fi
  done
fi

for name in "python$want" python3 python; do
  candidate="$(command -v "$name" 2>/dev/null || true)"
  if works "$candidate"; then echo "$candidate"; exit 0; fi
done

if [ -n "$uv_bin" ] && [ -x "$uv_bin" ]; then
  candidate="$(UV_PYTHON_DOWNLOADS=never "$uv_bin" python find "$want" 2>/dev/null || true)"
  if works "$candidate"; then echo "$candidate"; exit 0; fi
fi

cat >&2 <<MSG
No working Python $want was found (tried \$LOTSE_BOT_PYTHON, pyenv, python$want on PATH, uv).
Lotse's bot environment needs exactly Python $want: Rasa 3.6.21 supports nothing newer.
Install one, then run 'make install' again, for example:
  pyenv install $want          # with pyenv
  uv python install $want      # with uv
  apt-get install python$want  # where your distribution still packages it
or point LOTSE_BOT_PYTHON at an existing interpreter.
MSG
exit 1
