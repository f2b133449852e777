#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium for the browser tests)
# and run lint and the test suite. README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: chromium for the browser tests, virtuoso-opensource as the second SPARQL
# server of the remote tests (tests/remote; they start their own on free ports).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  # policy-rc.d 101: the package's own service must not start (the tests run their own)
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python -m pip install -q --disable-pip-version-check -e '.[test]'
ruff check .
ruff format --check .

# The declared layers (pyproject.toml, [tool.importlinter]), checked on a plain install: the
# editable one maps extract/ and graph/ through a finder that import-linter cannot see.
plain=$(mktemp -d)
python -m pip install -q --disable-pip-version-check --no-deps --target "$plain" .
(cd "$plain" && PYTHONPATH="$plain" lint-imports --no-cache "$OLDPWD/pyproject.toml") || {
  rm -rf "$plain"
  exit 1
}
rm -rf "$plain"

set +e
python -m pytest -q "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
