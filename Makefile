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
# The flags our own C compiles with; generated kernels use them too.
WARN    := -Wall -Wextra -Werror
CFLAGS_BASE := -std=c11 $(OPT) -g -fPIC -D_GNU_SOURCE -fno-math-errno $(WARN)
DEPS_OK := $(BUILD)/.deps-ok

.PHONY: all deps gen lib dist test tune bench compare report clean
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
include scripts/scripts.mk

clean:
	rm -rf $(BUILD)
