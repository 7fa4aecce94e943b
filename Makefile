# unlock: one GNU Makefile. `make run` serves/prints the demo; `make test` runs every test
# under AddressSanitizer + UndefinedBehaviorSanitizer.

PKGS      := sqlite3 jansson libmicrohttpd libsodium
PKGS      += zlib libcmark libpq libcurl
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
TEST_LIBS  = $(shell pkg-config --libs criterion libcurl)

CSTD      := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS    ?= -O2 -g
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The server under ThreadSanitizer, for the API tests: its worker threads share the response
# cache, sessions, the sign-in limiter and the access log.
TSAN_FLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer

SRC       := $(sort $(shell find src -name '*.c'))
LIB_SRC   := $(filter-out src/cli/main.c,$(SRC))
TEST_SRC  := $(sort $(shell find tests -name '*.c'))
MIGRATIONS := $(sort $(wildcard migrations/*.sql))
GEN_SRC   := build/gen/migrations.c

INC := -Isrc
# `make V=1` shows full compiler command lines.
Q := $(if $(V),,@)

# $(call objs,DIR,SOURCES): object paths for a build flavour.
objs = $(patsubst %.c,$(1)/%.o,$(2))

PLAIN_LIB  := $(call objs,build/obj,$(LIB_SRC) $(GEN_SRC))
ASAN_LIB   := $(call objs,build/asan,$(LIB_SRC) $(GEN_SRC))
# The fuzz targets' bodies are in the test binary too: tests/fuzz replays their corpora.
FUZZ_SRC   := $(filter-out fuzz/driver.c,$(sort $(wildcard fuzz/*.c)))
ASAN_TESTS := $(call objs,build/asan,$(TEST_SRC) $(FUZZ_SRC))
TSAN_LIB   := $(call objs,build/tsan,$(LIB_SRC) $(GEN_SRC))

.PHONY: all test asan run clean deps format valgrind fuzz fuzz-build fuzz-smoke
all: build/unlock

deps:
	@./scripts/install-deps

build/gen/migrations.c: $(MIGRATIONS) scripts/embed-migrations
	@mkdir -p $(@D)
	./scripts/embed-migrations $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/ASAN $<"
	$(Q)$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) $(INC) -Itests $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/tsan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/TSAN $<"
	$(Q)$(CC) $(CSTD) $(WARN) $(TSAN_FLAGS) $(INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/tsan/unlock: $(TSAN_LIB) build/tsan/src/cli/main.o
	$(CC) $(TSAN_FLAGS) $^ $(PKG_LIBS) -o $@

build/unlock: $(PLAIN_LIB) build/obj/src/cli/main.o
	$(CC) $(CFLAGS) $^ $(PKG_LIBS) -o $@

build/asan/unlock: $(ASAN_LIB) build/asan/src/cli/main.o
	$(CC) $(ASAN_FLAGS) $^ $(PKG_LIBS) -o $@

build/asan/unlock-tests: $(ASAN_LIB) $(ASAN_TESTS)
	$(CC) $(ASAN_FLAGS) $^ $(PKG_LIBS) $(TEST_LIBS) -o $@

# The unit, CLI and API suite runs the sanitized binary, then every fuzz target runs for a few
# seconds (fuzz-smoke); the browser tests run the plain one in headless Chromium.
test: deps
	@$(MAKE) --no-print-directory build/unlock build/asan/unlock build/asan/unlock-tests build/tsan/unlock
	$(RUN_ASAN_TESTS)
	$(RUN_TSAN_TESTS)
	$(RUN_PG_TESTS)
	@$(MAKE) --no-print-directory fuzz-smoke
	$(RUN_BROWSER_TESTS)
	./scripts/with-test-postgres $(RUN_BROWSER_TESTS)

asan: deps
	@$(MAKE) --no-print-directory build/asan/unlock build/asan/unlock-tests
	$(RUN_ASAN_TESTS)

RUN_ASAN_TESTS = env UNLOCK_BIN=$(CURDIR)/build/asan/unlock UNLOCK_PWHASH_FAST=1 \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ./build/asan/unlock-tests --jobs 2

# The API tests against the server built with ThreadSanitizer: a data race stops the server
# (halt_on_error), which fails the test that drove it.
RUN_TSAN_TESTS = env UNLOCK_BIN=$(CURDIR)/build/tsan/unlock UNLOCK_PWHASH_FAST=1 \
	  TSAN_OPTIONS=halt_on_error=1:exitcode=66 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  ./build/asan/unlock-tests --jobs 2 --filter '*api*/*'

# The whole suite again on PostgreSQL, against a private server started for it: each server,
# command-line test and scratch database gets a PostgreSQL database of its own (the few tests
# of SQLite files themselves say so and skip). Then the browser tests, on each back end.
RUN_PG_TESTS = ./scripts/with-test-postgres $(RUN_ASAN_TESTS)
RUN_BROWSER_TESTS = env UNLOCK_BIN=$(CURDIR)/build/unlock node --test --test-concurrency=1 tests/browser/

# Fuzzing (fuzz/README.md): one libFuzzer binary per target of fuzz/targets.c, the whole
# program built again with clang under AddressSanitizer and UndefinedBehaviorSanitizer.
# `make fuzz` runs each for FUZZ_SECONDS; `make fuzz-smoke`, part of `make test`, all of them
# in about a minute. New inputs go to build/fuzz/corpus/NAME (the committed seeds in
# fuzz/corpus/NAME are only read; fuzz/NAME.dict, when there is one, gives the fuzzer the
# format's words); a crash stops make, its input in build/fuzz/found/NAME/.
FUZZ_CC      := clang
FUZZ_FLAGS   := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_TARGETS := csv epd json url import
FUZZ_LIB     := $(call objs,build/fuzz,$(LIB_SRC) $(GEN_SRC) $(FUZZ_SRC))
FUZZ_BINS    := $(addprefix build/fuzz/fuzz-,$(FUZZ_TARGETS))
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 9

build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/FUZZ $<"
	$(Q)$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(INC) $(PKG_CFLAGS) \
	  -MMD -MP -c $< -o $@

$(FUZZ_BINS): build/fuzz/fuzz-%: fuzz/driver.c $(FUZZ_LIB)
	@echo "  LD/FUZZ $@"
	$(Q)$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer -DFUZZ_TARGET='"$*"' $(INC) \
	  $(PKG_CFLAGS) $< $(FUZZ_LIB) $(PKG_LIBS) -o $@

fuzz-build: deps
	@$(MAKE) --no-print-directory -s $(FUZZ_BINS)

# $(call fuzz_run,NAME,SECONDS)
fuzz_run = mkdir -p build/fuzz/corpus/$(1) build/fuzz/found/$(1) && \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  build/fuzz/fuzz-$(1) -max_total_time=$(2) -timeout=20 -rss_limit_mb=2048 \
	  -print_final_stats=1 -artifact_prefix=build/fuzz/found/$(1)/ \
	  $$([ -f fuzz/$(1).dict ] && echo -dict=fuzz/$(1).dict) \
	  build/fuzz/corpus/$(1) fuzz/corpus/$(1) 2>build/fuzz/$(1).log || \
	  { tail -n 60 build/fuzz/$(1).log; echo "fuzz-$(1) failed: see build/fuzz/$(1).log"; exit 1; }

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do $(call fuzz_run,$$t,$(FUZZ_SECONDS)); \
	  grep -h 'stat::number_of_executed_units\|stat::average_exec_per_sec' build/fuzz/$$t.log | sed "s/^stat::/  fuzz-$$t: /"; \
	done

fuzz-smoke: fuzz-build
	@for t in $(FUZZ_TARGETS); do $(call fuzz_run,$$t,$(FUZZ_SMOKE_SECONDS)); done
	@echo "  fuzz-smoke: $(FUZZ_TARGETS): no crashes in $(FUZZ_SMOKE_SECONDS) s each"

# The demo: a database with the demo health system and a demo admin account,
# served on localhost only.
DEMO_EMAIL    := demo@unlock.example
DEMO_PASSWORD := unlock-demo-2026
run: deps
	@$(MAKE) --no-print-directory build/unlock
	@[ -f unlock.db ] || ./build/unlock demo --db unlock.db
	@# Adding the account again when it exists fails harmlessly.
	@printf '%s\n' '$(DEMO_PASSWORD)' | \
	  ./build/unlock user add $(DEMO_EMAIL) --role admin --db unlock.db >/dev/null 2>&1 || true
	@echo
	@echo "  unlock is serving the demo health system at http://127.0.0.1:8080/"
	@echo "  sign in as $(DEMO_EMAIL) with the password $(DEMO_PASSWORD)"
	@echo "  (Ctrl-C stops it)"
	@echo
	./build/unlock serve --db unlock.db --bind 127.0.0.1 --port 8080 --web web

format:
	clang-format -i $(SRC) $(TEST_SRC) $(shell find src tests -name '*.h')

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
