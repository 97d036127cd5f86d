#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine, idempotently: CJK fonts (the official documents' stand-in
# faces, all SIL OFL 1.1: Noto Serif/Sans CJK for 小标宋/仿宋/宋体 and 黑体, LXGW WenKai for 楷体; see PdfConverter), poppler (pdftoppm/pdftotext),
# LibreOffice Writer (makes .pdf from .docx in the document tests), Chromium (browser tests, driven by Playwright
# through /usr/bin/chromium; never a downloaded browser), ClamAV's daemon (clamav-daemon: the upload scanning tests start
# their own clamd from /usr/sbin/clamd, with a temp config and an EICAR-only signature database; the packaged
# clamav-daemon and clamav-freshclam services are not used, and are stopped when installed here on a systemd machine).
# Safe to run again: checks dpkg first.
set -euo pipefail
packages=(fonts-noto-cjk fonts-lxgw-wenkai fonts-wqy-zenhei poppler-utils libreoffice-writer-nogui chromium clamav-daemon)
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
  if [[ " ${missing[*]} " == *" clamav-daemon "* ]] && [ -d /run/systemd/system ]; then
    # No public signature download here and the tests run clamd themselves: the packaged services would only retry.
    systemctl disable --now clamav-daemon.service clamav-daemon.socket clamav-freshclam.service >/dev/null 2>&1 || true
  fi
fi
[ -x /usr/sbin/clamd ] || { echo "setup-test-deps: /usr/sbin/clamd missing after installing clamav-daemon" >&2; exit 1; }
echo "setup-test-deps: ok (${#missing[@]} installed now)"
