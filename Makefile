# LayerLab build entry points. `make test` is what CI runs (see .ci/run).
#
#   make deps    check the Debian packages (installs them when run as root)
#   make build   release build, binary at .build/release/layerlab
#   make run     build, then replay sessions/start.lab in the workbench
#   make test    release build for the session-replay tests, then `swift test`
#   make bench   build and run the benchmarks; pass options with BENCH_ARGS="..."
#   make clean   remove .build

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

SWIFT ?= swift
BIN := .build/release/layerlab
BENCH_BIN := .build/release/layerlab-bench
BENCH_ARGS ?=

.PHONY: deps build run test bench clean

deps:
	@scripts/deps.sh

build: deps
	$(SWIFT) build -c release

run: build
	$(BIN) sessions/start.lab

# A crash in a test must print its backtrace and exit, not wait for a key on a terminal.
# Tests that replay sessions run the release binary named by LAYERLAB_BIN.
test: export SWIFT_BACKTRACE := interactive=no
test: build
	LAYERLAB_BIN="$(CURDIR)/$(BIN)" $(SWIFT) test

bench: deps
	$(SWIFT) build -c release --product layerlab-bench
	$(BENCH_BIN) $(BENCH_ARGS)

clean:
	rm -rf .build
