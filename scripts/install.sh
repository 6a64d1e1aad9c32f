#!/usr/bin/env bash
# Creates or updates both locked environments (docs/decisions/0001-two-environments.md):
#   .venv/      app env (Python >= 3.11): the switchboard, nlu/, pii/, the `lotse` CLI
#   .venv-bot/  bot env (Python 3.10): Rasa 3.6.21 only
# Usage: scripts/install.sh app|bot
# Only package registries are contacted; interpreters are never downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
export RASA_TELEMETRY_ENABLED=false

find_app_python() {
  local candidate
  for candidate in "${LOTSE_APP_PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$candidate" ] || continue
    candidate="$(command -v "$candidate" 2>/dev/null || true)"
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "No Python >= 3.11 found for the app env; install one or set LOTSE_APP_PYTHON." >&2
  return 1
}

case "${1:-}" in
  app)
    if [ ! -x .venv/bin/python ]; then
      python="$(find_app_python)"
      echo "app env: creating .venv with $python"
      "$python" -m venv .venv
    fi
    if [ ! -x .venv/bin/uv ]; then
      # uv itself is pinned in requirements.lock; this bootstraps the same version.
      uv_pin="$(grep -E '^uv==' requirements.lock)"
      .venv/bin/python -m pip install --quiet --disable-pip-version-check "$uv_pin"
    fi
    .venv/bin/uv pip sync --quiet --python .venv/bin/python requirements.lock
    # compat mode: a path entry, so new top-level packages need no reinstall
    .venv/bin/uv pip install --quiet --python .venv/bin/python --no-deps \
      --config-setting editable_mode=compat -e .
    touch .venv/.installed
    echo "app env ready: .venv ($(.venv/bin/python --version))"
    ;;
  bot)
    [ -x .venv/bin/uv ] || { echo "install the app env first (scripts/install.sh app)" >&2; exit 1; }
    if [ ! -x .venv-bot/bin/python ]; then
      python="$(scripts/find-python.sh 3.10 .venv/bin/uv)"
      echo "bot env: creating .venv-bot with $python"
      .venv/bin/uv venv --quiet --python "$python" .venv-bot
    fi
    .venv/bin/uv pip sync --quiet --python .venv-bot/bin/python bot/requirements.lock
    touch .venv-bot/.installed
    echo "bot env ready: .venv-bot ($(.venv-bot/bin/python --version), rasa $(.venv-bot/bin/python -c 'import importlib.metadata as m; print(m.version("rasa"))'))"
    ;;
  *)
    echo "usage: scripts/install.sh app|bot" >&2; exit 2 ;;
esac
