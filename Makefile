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
ASAN_TESTS := $(call objs,build/asan,$(TEST_SRC))
TSAN_LIB   := $(call objs,build/tsan,$(LIB_SRC) $(GEN_SRC))

.PHONY: all test asan run clean deps format valgrind
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

# The unit, CLI and API suite runs the sanitized binary; the browser tests run
# the plain one in headless Chromium.
test: deps
	@$(MAKE) --no-print-directory build/unlock build/asan/unlock build/asan/unlock-tests build/tsan/unlock
	$(RUN_ASAN_TESTS)
	$(RUN_TSAN_TESTS)
	$(RUN_PG_TESTS)
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
