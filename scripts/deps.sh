#!/usr/bin/env bash
# Checks that the Debian packages LayerLab builds against are installed.
#
# Prints nothing and exits 0 when all are present. When some are missing, root gets them
# installed with apt-get (non-interactive, so it also works in CI without a terminal), and
# any other user gets the exact install command and exit status 1.
set -euo pipefail

# SwiftPM finds the system libraries through pkg-config. LayerLab links ncurses, readline and
# OpenBLAS, uses zlib for gzipped data files such as MNIST, and runs its end-to-end screen
# tests in tmux.
readonly packages=(pkg-config libopenblas-dev libncurses-dev libreadline-dev zlib1g-dev tmux)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps: dpkg-query not found. LayerLab builds on Debian or a Debian derivative" \
        "and needs these packages: ${packages[*]}" >&2
    exit 1
fi

# Lists the packages from the arguments that dpkg does not report as installed ("ii").
list_missing() {
    local installed
    # dpkg-query exits 1 when it does not know a package, which then counts as missing.
    installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "$@" 2>/dev/null \
        | awk '$1 == "ii" { print $2 }' || true)
    local package
    for package in "$@"; do
        if ! grep -qxF -- "$package" <<<"$installed"; then
            echo "$package"
        fi
    done
}

mapfile -t missing < <(list_missing "${packages[@]}")
if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: install them with:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "deps: installing missing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update </dev/null \
    || ! apt-get install -y --no-install-recommends "${missing[@]}" </dev/null; then
    echo "deps: apt-get failed to install: ${missing[*]}" >&2
    exit 1
fi

mapfile -t still_missing < <(list_missing "${missing[@]}")
if ((${#still_missing[@]} > 0)); then
    echo "deps: still not installed after apt-get: ${still_missing[*]}" >&2
    exit 1
fi
