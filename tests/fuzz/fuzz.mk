# Fuzzing with libFuzzer (clang). Included from the Makefile.
#
#   make fuzz                 every harness for FUZZ_TIME seconds (default 60)
#   make fuzz-smoke           every harness for FUZZ_SMOKE seconds on its corpus,
#                             plus a replay of its regression inputs (make test)
#   make $(B)/fuzz/fuzz_NAME  one harness
#
# Harnesses are tests/fuzz/fuzz_*.c; each has a seed corpus in
# tests/fuzz/corpus/NAME/, an optional dictionary tests/fuzz/NAME.dict and
# regression inputs (crashes found and fixed) in tests/fuzz/regressions/NAME/.
# Runs write new inputs to $(B)/fuzz/corpus/NAME, never into the tree.

FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
FUZZ_SMOKE ?= 3
FUZZFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS  := $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_OBJ   := $(patsubst engine/%.c,$(B)/fuzz/obj/%.o,$(ENGINE_SRC)) $(B)/fuzz/obj/builtin_rules.o \
              $(B)/fuzz/obj/builtin_profiles.o $(B)/fuzz/obj/builtin_assets.o

.PHONY: fuzz fuzz-build fuzz-smoke
fuzz-build: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_OBJ)

$(B)/fuzz/obj/%.o: engine/%.c
	@mkdir -p $(@D)
	@echo "  CC     $< (fuzz)"
	$(Q)$(FUZZ_CC) $(BASEFLAGS) $(DEPFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(B)/fuzz/obj/builtin_rules.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(BASEFLAGS) -I$(B)/gen $(FUZZFLAGS) -c -o $@ $<

$(B)/fuzz/obj/builtin_profiles.o: $(GEN_PROFILES)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(BASEFLAGS) -I$(B)/gen $(FUZZFLAGS) -c -o $@ $<

$(B)/fuzz/obj/builtin_assets.o: $(GEN_ASSETS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(BASEFLAGS) -I$(B)/gen $(FUZZFLAGS) -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  LINK   $@"
	$(Q)$(FUZZ_CC) $(BASEFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(FUZZ_BINS)
	@B=$(B) FUZZ_TIME=$(FUZZ_TIME) sh tests/fuzz/run.sh $(FUZZ_NAMES)

fuzz-smoke:
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	  echo "fuzz: skipped: $(FUZZ_CC) is not installed (sh scripts/fuzz-deps.sh installs it)"; \
	else $(MAKE) -j$(JOBS) --no-print-directory $(FUZZ_BINS) && \
	  B=$(B) FUZZ_TIME=$(FUZZ_SMOKE) sh tests/fuzz/run.sh $(FUZZ_NAMES); fi
