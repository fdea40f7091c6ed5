#!/usr/bin/env bash
# 60-musl.t: the static musl build as far as Debian 12 allows: every
# object compiles with musl-gcc without a warning, and every program that
# needs no libmnl links static (bench/musl-check.sh, also make musl-check).
cd "$(dirname "$0")/.." || exit 1
exec bench/musl-check.sh
