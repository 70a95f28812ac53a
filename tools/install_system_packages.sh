#!/usr/bin/env bash
# Debian packages the tests and the demo need: Tesseract (OCR, with the Indonesian model), fonts for the
# generated test documents, and on a bare machine python3-venv and Node.js. Installs only what is missing;
# needs root (as on these machines) or sudo.
set -euo pipefail
needed=()
command -v tesseract >/dev/null 2>&1 || needed+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/ind.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/ind.traineddata >/dev/null 2>&1 || needed+=(tesseract-ocr-ind)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || needed+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || needed+=(chromium)  # the web client's browser tests
# The toolchain itself on a bare Debian: Debian's python3 makes venvs only with python3-venv; the CDK CLI
# runs on Node.js (npm ci installs it from package.json).
if [ "$(command -v python3)" = /usr/bin/python3 ] && ! dpkg -s python3-venv >/dev/null 2>&1; then
  needed+=(python3-venv)
fi
command -v npm >/dev/null 2>&1 || needed+=(nodejs npm)
# `make images` only: a Docker engine (Debian's docker.io; tools/images.py starts dockerd) and debootstrap for
# the local Debian base image.
if [ "${1:-}" = images ]; then
  [ -x /usr/sbin/dockerd ] || command -v dockerd >/dev/null 2>&1 || needed+=(docker.io)
  [ -x /usr/sbin/debootstrap ] || command -v debootstrap >/dev/null 2>&1 || needed+=(debootstrap)
fi
if [ ${#needed[@]} -gt 0 ]; then
  echo "installing Debian packages: ${needed[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi
