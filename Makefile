# Threshold: the two commands are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
BIN := bin/threshold
REGION ?= geodata/isle-of-wight
ADDR ?= :8080

.PHONY: run test build vet bench db-start db-stop clean web test-browser

build: web
	$(GO) build -o $(BIN) ./cmd/threshold

## web: the map's assets in web/site (embedded by the binary): npm ci when
## package-lock.json changed, an esbuild build when a source is newer.
WEB_SRC := $(wildcard web/src/*) web/build.mjs web/package.json web/tsconfig.json
web: web/site/index.html

web/node_modules/.installed: web/package-lock.json
	@command -v npm >/dev/null || { echo "make web needs Node.js 20 or later with npm (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
	cd web && npm ci --no-audit --no-fund
	touch $@

web/site/index.html: web/node_modules/.installed $(WEB_SRC)
	cd web && npm run build

## test-browser: the web map in headless Chromium (playwright-core) against
## a server on a fresh database; scripts/test.sh runs it inside make test.
test-browser: build
	scripts/browser-test.sh

vet:
	$(GO) vet ./...

## run: install what is missing, start the local database, migrate, load the
## bundled region (skipped when unchanged) and serve on http://localhost:8080
run: build
	$(BIN) db start
	$(BIN) migrate up
	@if [ -f $(REGION)/region.json ]; then $(BIN) load $(REGION); fi
	$(BIN) serve --addr $(ADDR)

## test: every test, against a throwaway PostGIS cluster removed afterwards
test: build vet
	scripts/test.sh

## bench: our engines and the peers (raptor-journey-planner from npm,
## pgRouting from apt, installed at bench time into .local/bench) in one run,
## then a table of figures, ratios and targets; see bench/README.md.
## BENCH_QUICK=1 for a smoke run, BENCH_GOTEST=1 to add the Go micro-benchmarks.
bench:
	GO=$(GO) bench/run.sh

db-start: build
	$(BIN) db start

db-stop: build
	$(BIN) db stop

clean:
	rm -rf bin
