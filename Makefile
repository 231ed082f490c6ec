# mhatune: generate, verify and tune multi-head attention kernels for this CPU.
# `make tune` does the main job; `make test` runs the suite. Both install what is missing.
# Each folder keeps its own rules in a fragment included below.

# Hundreds of generated kernels: build with one job per core unless told otherwise.
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif

CC      ?= cc
CXX     ?= c++
BUILD   := build
GEN_DIR := $(BUILD)/gen
OPT     ?= -O2
# The flags our own C compiles with; generated kernels use them too. A user's CFLAGS and
# LDFLAGS come after ours, so they win, except that the library needs IEEE arithmetic (a
# masked score is -inf, the scalar exp rounds with 1.5 * 2^23): the flags that break it are
# dropped from CFLAGS (-Ofast becomes -O3), and tuned/mha_kernel.h stops a build that has
# fast math on anyway.
WARN    := -Wall -Wextra -Werror
NOT_IEEE := -ffast-math -ffinite-math-only -funsafe-math-optimizations -fassociative-math -freciprocal-math
IEEE_CFLAGS = $(patsubst -Ofast,-O3,$(filter-out $(NOT_IEEE),$(CFLAGS)))
CFLAGS_BASE = -std=c11 $(OPT) -g -fPIC -D_GNU_SOURCE -fno-math-errno $(WARN) $(IEEE_CFLAGS)
# Every object records the headers it read (-MMD), so a changed header rebuilds its users.
DEPFLAGS := -MMD -MP
DEPS_OK := $(BUILD)/.deps-ok

# The template hash stamps every generated file and every tuned table: a table tuned from
# other templates (or head-dim classes, tuned/mha_dclass.h) is stale. Computed here, not by the generator, so that `make lib` can
# check a tuned table with nothing but a C compiler.
TEMPLATE_HASH := $(shell cat $(sort $(wildcard templates/*.lua templates/*.ct)) $(sort $(wildcard gen/*.lua)) tuned/mha_dclass.h 2>/dev/null | sha256sum | cut -c1-16)

# The tuned tables, one per machine (tuned/tables/<machine-id>/mha_table.c); only those
# stamped with the current templates are linked (tuned/README: "Tables for several CPUs").
# TABLES_DIR: another folder of tables, for table-check alone (tests/test_tables.sh).
TABLES_DIR     ?= tuned/tables
TABLE_FILES    := $(sort $(wildcard $(TABLES_DIR)/*/mha_table.c))
table_hash      = $(shell sed -n 's/.* from templates \([0-9a-f]*\)\.\( \*\/\)\{0,1\}$$/\1/p' $(1) | head -n 1)
TABLES_LINKED  := $(strip $(foreach t,$(TABLE_FILES),$(if $(filter $(TEMPLATE_HASH),$(call table_hash,$(t))),$(t))))
TABLES_STALE   := $(filter-out $(TABLES_LINKED),$(TABLE_FILES))

# With a tuned table in tuned/, the library, its checks and the dist tarball need nothing
# generated: no Lua, no hwloc, no packages at all.
LIB_ONLY_GOALS := all lib dist table-check clean
ifneq ($(TABLES_LINKED),)
ifeq ($(filter-out $(LIB_ONLY_GOALS),$(or $(MAKECMDGOALS),all)),)
NO_GEN := 1
endif
endif

.PHONY: all deps gen lib dist test tune tune-check bench compare report clean check-all
all: lib

# Install missing Debian packages once per build tree (scripts/deps.sh says what it does).
deps: $(DEPS_OK)
$(DEPS_OK): scripts/deps.sh
	@scripts/deps.sh
	@mkdir -p $(BUILD) && touch $@

include gen/gen.mk
include tuned/tuned.mk
include harness/harness.mk
include harness/tune.mk
include harness/compare.mk
include tests/tests.mk
include tests/hardening.mk
include scripts/scripts.mk

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

clean:
	rm -rf $(BUILD)
