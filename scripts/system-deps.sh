#!/bin/sh
# Installs the Debian packages the test suite drives (Chromium for the browser tests).
# Without root it only says what is missing; the browser tests then skip (and fail in CI).
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing fonts-dejavu-core >/dev/null
else
  echo "Missing Debian packages:$missing — install them (sudo apt-get install$missing) for the browser tests."
fi
