#!/bin/sh
# Install the Debian packages that sitrep's build and tests need, when missing.
# Idempotent: says what it installs, and installs nothing when all is there.
#   scripts/deps.sh          install what is missing (apt-get; sudo when not root)
#   scripts/deps.sh --check  only list what is missing (exit 1 if anything is)
set -eu

PKGS="gcc make pkg-config libc6-dev
libxml2-dev libsqlite3-dev libcurl4-openssl-dev libmicrohttpd-dev libutf8proc-dev
libstemmer-dev libjansson-dev zlib1g-dev libdeflate-dev libcmocka-dev
python3 sqlite3 curl"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	[ "${1:-}" = "--check" ] && echo "deps: all installed"
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	echo "deps: missing:$missing"
	exit 1
fi

echo "deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "deps: need root (or sudo) to install:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: installed:$missing"
