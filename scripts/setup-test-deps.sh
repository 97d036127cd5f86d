#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine, idempotently: CJK fonts, poppler (pdftoppm/pdftotext),
# LibreOffice Writer (makes .pdf from .docx in the document tests), Chromium (browser tests, driven by Playwright
# through /usr/bin/chromium; never a downloaded browser). Safe to run again: checks dpkg first.
set -euo pipefail
packages=(fonts-noto-cjk fonts-wqy-zenhei poppler-utils libreoffice-writer-nogui chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-test-deps: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup-test-deps: ok (${#missing[@]} installed now)"
