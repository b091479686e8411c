# Static and dynamic checks beyond the ASan+UBSan test run. Included from
# the Makefile; `make test` runs all three after the test suite.
#
#   make lint-c      cppcheck and clang-tidy (.clang-tidy), zero warnings
#   make valgrind    a representative part of the suite under valgrind
#   make layers      dependencies point one way (docs/architecture.md)
#   make fuzz-smoke  each fuzz harness for a few seconds (tests/fuzz/fuzz.mk)

.PHONY: lint-c valgrind
lint-c:
	@sh scripts/lint-c.sh

valgrind: $(B)/pmoaudit
	@B=$(B) sh tests/valgrind/run.sh

# make layers: the engine's include and call graph against the layer order
# written in docs/architecture.md (scripts/check-layers.py).
.PHONY: layers
layers: $(B)/pmoaudit
	@python3 scripts/check-layers.py $(B)
