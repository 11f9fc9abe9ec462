# Sourced by the other scripts: makes sure .venv holds exactly the locked dependencies.
# Only Python 3.11+ is assumed; uv itself is installed, pinned, into a private venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV_VERSION="0.13.8"
UV_HOME="$ROOT/.cache/uv-tool"
UV="$UV_HOME/bin/uv"

say() { printf '范文库: %s\n' "$*" >&2; }

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      # The interpreter itself, not a wrapper such as a pyenv shim: given the wrapper's path, uv finds that .venv
      # was made from another interpreter and makes it anew, under any test or build using it at the time.
      "$candidate" -c 'import sys; print(sys.executable)'
      return 0
    fi
  done
  say "需要 Python 3.11 或更高版本，但没有找到。请先安装（Debian: apt-get install python3 python3-venv）。"
  return 1
}

ensure_uv() {
  [ -x "$UV" ] && "$UV" --version 2>/dev/null | grep -q " $UV_VERSION" && return 0
  local py
  py="$(find_python)"
  if ! "$py" -m venv --help >/dev/null 2>&1 || ! "$py" -c 'import ensurepip' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "正在安装 python3-venv ……"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    else
      say "Python 缺少 venv 模块。请安装后重试（Debian: sudo apt-get install python3-venv）。"
      return 1
    fi
  fi
  say "正在安装 uv $UV_VERSION（只装在 .cache/ 里）……"
  rm -rf "$UV_HOME"
  "$py" -m venv "$UV_HOME"
  "$UV_HOME/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
}

ensure_env() {
  ensure_uv
  export UV_PROJECT_ENVIRONMENT="$ROOT/.venv"
  export UV_PYTHON_DOWNLOADS=never
  # --locked: fail instead of silently re-resolving when uv.lock and pyproject.toml disagree.
  # --compile-bytecode: every build and test process imports MkDocs, Material and python-docx; compiled once here,
  # they load in half the time, also where PYTHONDONTWRITEBYTECODE keeps Python from caching them itself.
  (cd "$ROOT" && "$UV" sync --locked --quiet --compile-bytecode --python "$(find_python)")
}

ensure_env
PY="$ROOT/.venv/bin/python"
export PATH="$ROOT/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1  # silence the Material end-of-life banner in every build log
