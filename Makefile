# pmoaudit - build, test and demo.
#
#   make            build build/pmoaudit (optimised)
#   make demo       install missing build dependencies, build, audit samples/
#   make test       unit, end-to-end and rule tests, under ASan+UBSan too; then
#                   short fuzz runs, lint-c and a valgrind pass (tests/checks.mk)
#   make fuzz       each libFuzzer harness for FUZZ_TIME seconds (tests/fuzz/fuzz.mk)
#   make bench      time the full pack against the parse floor, sqlite3, DuckDB
#                   and Python on 10k, 1M and 5M-task portfolios of the default
#                   and dense shapes, and each rule's growth (minutes; cached)
#   make deps       install the Debian packages the build needs (apt-get)
#   make clean

VERSION   := 0.1.0
CC        ?= cc
LUA_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
DEFS      := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPMOAUDIT_VERSION=\"$(VERSION)\"
DEPFLAGS  := -MMD -MP
BASEFLAGS := -std=c11 $(WARN) $(DEFS) $(LUA_CFLAGS) -Iengine
CFLAGS    ?= -O2 -g
ASANFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -Werror
LIBS      := -llua5.4 -lcsv -lpcre2-8 -lpthread -lm
# the audit history (engine/history/, docs/history.md)
LIBS      += $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)

# B is the build folder; separate ones let several builds run side by side.
B          ?= build
# engine/<stage>/<file>.c; each object's header dependencies come from -MMD.
ENGINE_SRC := $(filter-out engine/cmd/main.c engine/tools/%,$(sort $(wildcard engine/*/*.c)))
RULE_FILES := $(shell find rules -name '*.lua' 2>/dev/null | LC_ALL=C sort)
GEN_SRC    := $(B)/gen/builtin_rules.c
PROFILE_FILES := $(sort $(wildcard profiles/*.lua))
GEN_PROFILES  := $(B)/gen/builtin_profiles.c
# The HTML report's stylesheet and script; report/html.c looks them up by these paths.
ASSET_FILES := engine/report/assets/report.css engine/report/assets/report.js
GEN_ASSETS  := $(B)/gen/builtin_assets.c
UNIT_SRC   := $(sort $(wildcard tests/unit/*.c))

OBJ      := $(patsubst engine/%.c,$(B)/obj/%.o,$(ENGINE_SRC)) $(B)/obj/builtin_rules.o $(B)/obj/builtin_profiles.o \
            $(B)/obj/builtin_assets.o
ASAN_OBJ := $(patsubst engine/%.c,$(B)/asan/obj/%.o,$(ENGINE_SRC)) $(B)/asan/obj/builtin_rules.o \
            $(B)/asan/obj/builtin_profiles.o $(B)/asan/obj/builtin_assets.o

.PHONY: all demo examples rule-docs test deps clean check-deps bench
all: $(B)/pmoaudit

check-deps:
	@scripts/deps.sh --check

deps:
	@scripts/deps.sh

# V=1 shows the full commands.
Q := $(if $(V),,@)

$(B)/tools/embed: engine/tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 -O1 $(WARN) -o $@ $<

$(GEN_SRC): $(B)/tools/embed $(RULE_FILES) Makefile
	@mkdir -p $(@D)
	@echo "  EMBED  $(words $(RULE_FILES)) rule files"
	$(Q)$(B)/tools/embed $@ $(RULE_FILES)

$(GEN_PROFILES): $(B)/tools/embed $(PROFILE_FILES) Makefile
	@mkdir -p $(@D)
	@echo "  EMBED  $(words $(PROFILE_FILES)) import profiles"
	$(Q)$(B)/tools/embed $@ $(PROFILE_FILES)

$(GEN_ASSETS): $(B)/tools/embed $(ASSET_FILES) Makefile
	@mkdir -p $(@D)
	@echo "  EMBED  $(words $(ASSET_FILES)) report assets"
	$(Q)$(B)/tools/embed $@ $(ASSET_FILES)

$(B)/obj/builtin_assets.o: $(GEN_ASSETS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(CFLAGS) -c -o $@ $<

$(B)/asan/obj/builtin_assets.o: $(GEN_ASSETS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(ASANFLAGS) -c -o $@ $<

$(B)/obj/builtin_profiles.o: $(GEN_PROFILES)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(CFLAGS) -c -o $@ $<

$(B)/asan/obj/builtin_profiles.o: $(GEN_PROFILES)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(ASANFLAGS) -c -o $@ $<

$(B)/obj/%.o: engine/%.c | check-deps
	@mkdir -p $(@D)
	@echo "  CC     $<"
	$(Q)$(CC) $(BASEFLAGS) $(DEPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/obj/builtin_rules.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(CFLAGS) -c -o $@ $<

$(B)/pmoaudit: $(B)/obj/cmd/main.o $(OBJ)
	@echo "  LINK   $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(B)/asan/obj/%.o: engine/%.c | check-deps
	@mkdir -p $(@D)
	@echo "  CC     $< (asan)"
	$(Q)$(CC) $(BASEFLAGS) $(DEPFLAGS) $(ASANFLAGS) -c -o $@ $<

$(B)/asan/obj/builtin_rules.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(ASANFLAGS) -c -o $@ $<

$(B)/asan/pmoaudit: $(B)/asan/obj/cmd/main.o $(ASAN_OBJ)
	@echo "  LINK   $@"
	$(Q)$(CC) $(ASANFLAGS) -o $@ $^ $(LIBS)

$(B)/asan/unit_tests: $(UNIT_SRC) tests/unit/*.h $(ASAN_OBJ)
	@echo "  LINK   $@"
	$(Q)$(CC) $(BASEFLAGS) $(ASANFLAGS) -Itests/unit -I$(B)/gen -o $@ $(UNIT_SRC) $(ASAN_OBJ) $(LIBS)

DEMO_ASOF := 2026-06-30
demo: deps
	@$(MAKE) --no-print-directory $(B)/pmoaudit
	@echo "== pmoaudit run samples --as-of $(DEMO_ASOF)"
	@$(B)/pmoaudit run samples --as-of $(DEMO_ASOF); rc=$$?; \
	  echo "== exit code $$rc (1 = findings at or above error, as planted in samples/)"; \
	  test $$rc -le 1

# docs/examples: a report on samples/ in every format, compared with the run
# a week earlier and with docs/examples/waivers.csv applied.
EXAMPLE_FORMATS := text,json,md,csv,junit,sarif,html
examples: $(B)/pmoaudit
	@mkdir -p docs/examples
	@$(B)/pmoaudit run samples --as-of 2026-06-23 -f json -o docs/examples/baseline-2026-06-23.json -q --fail-on never
	@$(B)/pmoaudit run samples --as-of $(DEMO_ASOF) -f $(EXAMPLE_FORMATS) -o docs/examples -q \
	  --baseline docs/examples/baseline-2026-06-23.json --waivers docs/examples/waivers.csv; test $$? -le 1
	@echo "docs/examples: report.{txt,json,md,csv,xml,sarif,html} on samples/ as of $(DEMO_ASOF)"

# docs/rules: the built-in pack's reference pages.
rule-docs: $(B)/pmoaudit
	@rm -rf docs/rules && $(B)/pmoaudit docs -o docs/rules

test: deps
	@$(MAKE) --no-print-directory $(B)/pmoaudit $(B)/asan/pmoaudit $(B)/asan/unit_tests $(B)/bench/floor
	@status=0; \
	  PA=$(B)/asan/pmoaudit UNIT=$(B)/asan/unit_tests FLOOR=$(B)/bench/floor tests/run.sh || status=1; \
	  for t in layers fuzz-smoke lint-c valgrind; do \
	    $(MAKE) --no-print-directory $$t || { echo "make test: $$t failed"; status=1; }; \
	  done; \
	  if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)"; fi; exit $$status

# The parse floor of `make bench`: built with the same CFLAGS as pmoaudit.
$(B)/bench/floor: bench/floor.c | check-deps
	@mkdir -p $(@D)
	@echo "  CC     $<"
	$(Q)$(CC) -std=c11 $(WARN) $(DEFS) $(CFLAGS) -o $@ $< -lcsv

# BENCH_SIZES=10000 make bench for a quick look; BENCH_SHAPES=default (or dense) for
# one generator shape; BENCH_CACHE holds the portfolios. DuckDB's Node API is
# installed into $(B)/bench (scripts/duckdb-deps.sh); without node, npm or the
# network the bench says so and runs without it.
BENCH_SIZES ?= 10000,1000000,5000000
BENCH_SHAPES ?= default,dense
bench: $(B)/pmoaudit $(B)/bench/floor
	@scripts/bench-deps.sh
	@scripts/duckdb-deps.sh $(B)/bench || true
	@python3 bench/bench.py --pmoaudit $(B)/pmoaudit --floor $(B)/bench/floor --sizes $(BENCH_SIZES) \
	  --shapes $(BENCH_SHAPES) --duckdb $(B)/bench/node_modules/@duckdb/node-api

clean:
	rm -rf build

# Header dependencies written by -MMD -MP beside each object.
-include $(shell find $(B) -name '*.d' 2>/dev/null)

# make fuzz, fuzz-smoke, lint-c, valgrind
include tests/fuzz/fuzz.mk
include tests/checks.mk
