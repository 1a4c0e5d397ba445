# The two entry points for users: `make run` and `make test`. Everything else is for developers.
JOBS ?= 2
RELEASE_DIR := build/release
TEST_DIR := build/test
BENCH_DIR := build/bench
TIERDESK := $(RELEASE_DIR)/src/cli/tierdesk

.PHONY: run test bench deps release clean lint-api web

deps:
	@scripts/install-deps.sh

release: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DTD_BUILD_TESTS=OFF > /dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

# The web front end (web/ into web/dist, which the server serves): see web/README.md.
web: deps
	@scripts/build-web.sh

# Builds Release and the web front end, creates ./data with the demo on first run, and serves the
# API, the portal and the console on 127.0.0.1:8080.
run: release web
	@if [ ! -f data/tierdesk.db ]; then $(TIERDESK) demo --data-dir data; fi
	@echo; cat data/demo-logins.txt 2>/dev/null || true; echo
	@exec $(TIERDESK) serve --data-dir data --listen 127.0.0.1:8080

# Lints docs/openapi.json (lint-api), tests and builds the web front end (Vitest, type-check,
# bundle budgets), runs each libFuzzer target (clang, ASan+UBSan) for FUZZ_SECONDS, then builds
# with ASan+UBSan and -Werror and runs every test through ctest, the browser tests in Chromium
# among them (its summary closes the run).
FUZZ_SECONDS ?= 60
test: deps
	@timeout 600 tools/openapi/lint.sh
	@timeout 900 scripts/build-web.sh --test
	@JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_SECONDS)
	@cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTD_SANITIZE=ON -DTD_WERROR=ON > /dev/null
	@cmake --build $(TEST_DIR) -j $(JOBS)
	@cd $(TEST_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) --timeout 600

# Lints docs/openapi.json with Redocly CLI and Spectral, pinned in tools/openapi (npm ci on first
# use or when the lock changes); fails on any error. Also the first stage of `make test`.
lint-api: deps
	@timeout 600 tools/openapi/lint.sh

# Benchmarks (Release): see docs/performance.md.
bench: deps
	@cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DTD_BUILD_TESTS=OFF -DTD_BUILD_BENCH=ON > /dev/null
	@cmake --build $(BENCH_DIR) -j $(JOBS)
	@bench/run.sh $(BENCH_DIR)

clean:
	rm -rf build
