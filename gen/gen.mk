# gen/: the generator (C embedding Lua 5.4) and the generated kernels under build/gen/.
LUA_CFLAGS  := $(shell pkg-config --cflags lua5.4 2>/dev/null)
LUA_LIBS    := $(shell pkg-config --libs lua5.4 2>/dev/null || echo -llua5.4)
HWLOC_LIBS  := $(shell pkg-config --libs hwloc 2>/dev/null || echo -lhwloc)
MHAGEN      := $(GEN_DIR)/mhagen
TEMPLATES   := $(wildcard templates/*.lua templates/*.ct)
GEN_LUA     := $(wildcard gen/*.lua)
GEN_FLAGS   ?=

$(MHAGEN): gen/gen.c harness/machine.c harness/machine.h | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(LUA_CFLAGS) -DMHAGEN_LUA_DIR='"$(CURDIR)/gen"' -Iharness -Ituned -o $@ gen/gen.c harness/machine.c $(LUA_LIBS) $(HWLOC_LIBS) -lm

# One run writes every variant, the registry, the default table, the manifest and
# kernels.mk (the list of variants, read back below).
$(GEN_DIR)/kernels.mk: $(MHAGEN) $(TEMPLATES) $(GEN_LUA)
	$(MHAGEN) -t templates -o $(GEN_DIR) $(GEN_FLAGS)

gen: $(GEN_DIR)/kernels.mk
	@awk -F'\t' 'NR > 1 { n[$$3]++; t++ } END { printf "gen: %d variants in $(GEN_DIR)/manifest.tsv:", t; for (i in n) printf " %s %d", i, n[i]; print "" }' $(GEN_DIR)/manifest.tsv

ifeq ($(filter deps clean report,$(MAKECMDGOALS)),)
-include $(GEN_DIR)/kernels.mk
endif

GEN_SRCS := $(GEN_KERNELS:%=$(GEN_DIR)/kernels/%.c) $(GEN_DIR)/registry.c $(GEN_DIR)/mathfns.c
GEN_OBJS := $(GEN_SRCS:$(BUILD)/%.c=$(BUILD)/obj/%.o)
KERNEL_CFLAGS = $(filter-out -g,$(CFLAGS_BASE)) -Ituned -I$(GEN_DIR)

$(BUILD)/obj/gen/%.o: $(GEN_DIR)/%.c $(GEN_DIR)/kernels.mk tuned/mha_kernel.h
	@mkdir -p $(@D)
	@$(CC) $(KERNEL_CFLAGS) -c -o $@ $<

# Every generated variant in one archive, for the tests and the harness.
$(BUILD)/libmhagen.a: $(GEN_OBJS)
	@rm -f $@
	@echo "ar $@ ($(words $^) objects)"
	@ar rcs $@ $^
