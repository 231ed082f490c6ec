# gen/: the generator (C embedding Lua 5.4) and the generated kernels under build/gen/.
# Package flags are read when a recipe runs (=, not :=), after `deps` has installed them.
LUA_CFLAGS   = $(shell pkg-config --cflags lua5.4 2>/dev/null)
LUA_LIBS     = $(or $(shell pkg-config --libs lua5.4 2>/dev/null),-llua5.4)
HWLOC_LIBS   = $(or $(shell pkg-config --libs hwloc 2>/dev/null),-lhwloc)
MHAGEN      := $(GEN_DIR)/mhagen
TEMPLATES   := $(wildcard templates/*.lua templates/*.ct)
GEN_LUA     := $(wildcard gen/*.lua)
GEN_FLAGS   ?=

# The machine probe decides the ISA with the runtime's own CPU-feature module (tuned/mha_cpu.c).
$(MHAGEN): gen/gen.c harness/machine.c harness/machine.h tuned/mha_cpu.c tuned/mha_internal.h | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(LUA_CFLAGS) -DMHAGEN_LUA_DIR='"$(CURDIR)/gen"' -Iharness -Ituned -o $@ gen/gen.c harness/machine.c tuned/mha_cpu.c $(LDFLAGS) $(LUA_LIBS) $(HWLOC_LIBS) -lpthread -lm

# One run writes every variant, the registry, the default table, the manifest and
# kernels.mk (the list of variants, read back below). It rewrites only the files whose text
# changed, so kernels.mk is touched to say the run happened (else make would run it again
# each time); objects depend on their own sources, not on this run.
$(GEN_DIR)/kernels.mk: $(MHAGEN) $(TEMPLATES) $(GEN_LUA)
	$(MHAGEN) -t templates -o $(GEN_DIR) --hash $(TEMPLATE_HASH) $(GEN_FLAGS)
	@touch $@

gen: $(GEN_DIR)/kernels.mk
	@awk -F'\t' 'NR > 1 { n[$$3]++; t++ } END { printf "gen: %d variants in $(GEN_DIR)/manifest.tsv:", t; for (i in n) printf " %s %d", i, n[i]; print "" }' $(GEN_DIR)/manifest.tsv
	@awk -F'\t' 'NR > 1 { n[$$3]++; t++ } END { printf "gen: %d GEMM variants in $(GEN_DIR)/manifest_gemm.tsv:", t; for (i in n) printf " %s %d", i, n[i]; print "" }' $(GEN_DIR)/manifest_gemm.tsv

ifeq ($(NO_GEN)$(filter deps clean report,$(MAKECMDGOALS)),)
-include $(GEN_DIR)/kernels.mk
endif

GEN_SRCS := $(GEN_KERNELS:%=$(GEN_DIR)/kernels/%.c) $(GEN_DIR)/registry.c $(GEN_DIR)/mathfns.c
GEN_OBJS := $(GEN_SRCS:$(BUILD)/%.c=$(BUILD)/obj/%.o)
KERNEL_CFLAGS = $(filter-out -g,$(CFLAGS_BASE)) -Ituned -I$(GEN_DIR)

$(BUILD)/obj/gen/%.o: $(GEN_DIR)/%.c
	@mkdir -p $(@D)
	@$(CC) $(KERNEL_CFLAGS) $(DEPFLAGS) -c -o $@ $<
