#!/usr/bin/env bash
# Debian packages the tests and the demo need: Tesseract (OCR, with the Indonesian model) and fonts for the
# generated test documents. Installs only what is missing; needs root (as on these machines) or sudo.
set -euo pipefail
needed=()
command -v tesseract >/dev/null 2>&1 || needed+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/ind.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/ind.traineddata >/dev/null 2>&1 || needed+=(tesseract-ocr-ind)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || needed+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || needed+=(chromium)  # the web client's browser tests
if [ ${#needed[@]} -gt 0 ]; then
  echo "installing Debian packages: ${needed[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi
