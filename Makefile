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
#   make install    binary, man pages, completions, docs under PREFIX (DESTDIR);
#                   make uninstall removes them; make man builds the man pages
#   make deb        build/deb/pmoaudit_VERSION_ARCH.deb (debian/rules, dpkg-dev)
#   make clean

VERSION   := 0.2.0
CC        ?= cc
LUA_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
DEFS      := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPMOAUDIT_VERSION=\"$(VERSION)\"
DEPFLAGS  := -MMD -MP
BASEFLAGS := -std=c11 $(WARN) $(DEFS) $(LUA_CFLAGS) -Iengine
CFLAGS    ?= -O2 -g
ASANFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -Werror
LIBS      := -llua5.4 -lcsv -lpcre2-8 -lpthread -lm
# expat: MS Project XML (load/mspdi_read.c) and Excel workbooks' XML parts
# (load/xlsx.c); libzip: the workbooks' zip container.
LIBS      += $(shell pkg-config --libs libzip expat 2>/dev/null || echo -lzip -lexpat)
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

# The git commit for --version (scripts/commit.sh): the file is rewritten
# only when the commit changed, so a build at the same commit relinks nothing.
$(B)/gen/commit.c: FORCE
	@mkdir -p $(@D)
	@printf 'const char pa_commit[] = "%s";\n' "$$(scripts/commit.sh)" >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
FORCE:
.PHONY: FORCE

$(B)/obj/commit.o: $(B)/gen/commit.c
	$(Q)$(CC) -std=c11 $(CFLAGS) -c -o $@ $<

$(B)/asan/obj/commit.o: $(B)/gen/commit.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 $(ASANFLAGS) -c -o $@ $<

$(B)/pmoaudit: $(B)/obj/cmd/main.o $(B)/obj/commit.o $(OBJ)
	@echo "  LINK   $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(B)/asan/obj/%.o: engine/%.c | check-deps
	@mkdir -p $(@D)
	@echo "  CC     $< (asan)"
	$(Q)$(CC) $(BASEFLAGS) $(DEPFLAGS) $(ASANFLAGS) -c -o $@ $<

$(B)/asan/obj/builtin_rules.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(Q)$(CC) $(BASEFLAGS) -I$(B)/gen $(ASANFLAGS) -c -o $@ $<

$(B)/asan/pmoaudit: $(B)/asan/obj/cmd/main.o $(B)/asan/obj/commit.o $(ASAN_OBJ)
	@echo "  LINK   $@"
	$(Q)$(CC) $(ASANFLAGS) -o $@ $^ $(LIBS)

$(B)/asan/unit_tests: $(UNIT_SRC) tests/unit/*.h $(ASAN_OBJ)
	@echo "  LINK   $@"
	$(Q)$(CC) $(BASEFLAGS) $(ASANFLAGS) -Itests/unit -I$(B)/gen -o $@ $(UNIT_SRC) $(ASAN_OBJ) $(LIBS)

# ---- man pages, install, packages (issue 22) ----
# tools/mangen.c fills the mdoc templates of docs/man/ from the engine's
# tables of commands, options and settings; tests/e2e/install_test.sh runs
# mandoc -Tlint on the result.
MAN_PAGES := $(B)/man/pmoaudit.1 $(B)/man/pmoaudit-rules.5
$(B)/tools/mangen: engine/tools/mangen.c $(OBJ)
	@mkdir -p $(@D)
	@echo "  LINK   $@"
	$(Q)$(CC) $(BASEFLAGS) $(CFLAGS) -o $@ $^ $(LIBS)

$(B)/man/%: docs/man/%.in $(B)/tools/mangen
	@mkdir -p $(@D)
	$(Q)$(B)/tools/mangen $< $@

.PHONY: man install uninstall deb
man: $(MAN_PAGES)

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, the man pages,
# the shell completions and the documentation. make uninstall removes them.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man
DOCDIR  := $(PREFIX)/share/doc/pmoaudit
COMPDIR := $(PREFIX)/share
INSTALL ?= install
install: $(B)/pmoaudit $(MAN_PAGES)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(COMPDIR)/bash-completion/completions $(DESTDIR)$(COMPDIR)/zsh/vendor-completions \
	  $(DESTDIR)$(COMPDIR)/fish/vendor_completions.d $(DESTDIR)$(DOCDIR)/rules $(DESTDIR)$(DOCDIR)/examples
	$(INSTALL) -m 755 $(B)/pmoaudit $(DESTDIR)$(BINDIR)/pmoaudit
	$(INSTALL) -m 644 $(B)/man/pmoaudit.1 $(DESTDIR)$(MANDIR)/man1/pmoaudit.1
	$(INSTALL) -m 644 $(B)/man/pmoaudit-rules.5 $(DESTDIR)$(MANDIR)/man5/pmoaudit-rules.5
	$(B)/pmoaudit completion bash >$(DESTDIR)$(COMPDIR)/bash-completion/completions/pmoaudit
	$(B)/pmoaudit completion zsh >$(DESTDIR)$(COMPDIR)/zsh/vendor-completions/_pmoaudit
	$(B)/pmoaudit completion fish >$(DESTDIR)$(COMPDIR)/fish/vendor_completions.d/pmoaudit.fish
	$(INSTALL) -m 644 README.md CHANGELOG.md docs/compatibility.md docs/report.schema.json docs/config.md \
	  docs/rule-api.md docs/importing.md $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 docs/rules/*.md $(DESTDIR)$(DOCDIR)/rules/
	$(INSTALL) -m 644 docs/examples/* $(DESTDIR)$(DOCDIR)/examples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pmoaudit $(DESTDIR)$(MANDIR)/man1/pmoaudit.1 $(DESTDIR)$(MANDIR)/man5/pmoaudit-rules.5 \
	  $(DESTDIR)$(COMPDIR)/bash-completion/completions/pmoaudit $(DESTDIR)$(COMPDIR)/zsh/vendor-completions/_pmoaudit \
	  $(DESTDIR)$(COMPDIR)/fish/vendor_completions.d/pmoaudit.fish
	rm -rf $(DESTDIR)$(DOCDIR)

# make deb: build/deb/pmoaudit_VERSION-1_ARCH.deb with debian/rules (plain
# dpkg-dev tools, no debhelper); dpkg-buildpackage -us -uc -b does the same
# into the parent folder.
DEB_OUT ?= $(B)/deb
deb:
	@mkdir -p $(DEB_OUT)
	debian/rules binary DEB_OUT=$(abspath $(DEB_OUT)) $(if $(DEB_B),B=$(DEB_B))

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

# make test builds on every core (JOBS=1 for a serial build): CI has 15 minutes.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test: deps
	@$(MAKE) -j$(JOBS) --no-print-directory $(B)/pmoaudit $(B)/asan/pmoaudit $(B)/asan/unit_tests $(B)/bench/floor $(B)/bench/peak
	@status=0; \
	  PA=$(B)/asan/pmoaudit UNIT=$(B)/asan/unit_tests FLOOR=$(B)/bench/floor PEAK=$(B)/bench/peak tests/run.sh || status=1; \
	  for t in layers fuzz-smoke lint-c valgrind; do \
	    $(MAKE) --no-print-directory $$t || { echo "make test: $$t failed"; status=1; }; \
	  done; \
	  if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)"; fi; exit $$status

# The parse floor of `make bench`: built with the same CFLAGS as pmoaudit.
$(B)/bench/floor: bench/floor.c | check-deps
	@mkdir -p $(@D)
	@echo "  CC     $<"
	$(Q)$(CC) -std=c11 $(WARN) $(DEFS) $(CFLAGS) -o $@ $< -lcsv

# The bench's RSS meter: the parent of each measured command (bench/peak.c).
$(B)/bench/peak: bench/peak.c | check-deps
	@mkdir -p $(@D)
	@echo "  CC     $<"
	$(Q)$(CC) -std=c11 $(WARN) -D_DEFAULT_SOURCE $(CFLAGS) -o $@ $<

# BENCH_SIZES=10000 make bench for a quick look; BENCH_SHAPES=default (or dense) for
# one generator shape; BENCH_CACHE holds the portfolios. DuckDB's Node API is
# installed into $(B)/bench (scripts/duckdb-deps.sh); without node, npm or the
# network the bench says so and runs without it.
BENCH_SIZES ?= 10000,1000000,5000000
BENCH_SHAPES ?= default,dense
bench: $(B)/pmoaudit $(B)/bench/floor $(B)/bench/peak
	@scripts/bench-deps.sh
	@scripts/duckdb-deps.sh $(B)/bench || true
	@python3 bench/bench.py --pmoaudit $(B)/pmoaudit --floor $(B)/bench/floor --peak $(B)/bench/peak \
	  --sizes $(BENCH_SIZES) \
	  --shapes $(BENCH_SHAPES) --duckdb $(B)/bench/node_modules/@duckdb/node-api

clean:
	rm -rf build

# Header dependencies written by -MMD -MP beside each object.
-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)

# make fuzz, fuzz-smoke, lint-c, valgrind
include tests/fuzz/fuzz.mk
include tests/checks.mk
