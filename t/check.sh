#!/bin/sh
# Run every test: install what is missing, build, then make check.
set -eu
cd "$(dirname "$0")/.."
t/deps.sh
make check "$@"
