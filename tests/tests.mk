# tests/: the cmocka suite. tests/TESTS names every test, one a line: a binary test_x built
# from tests/test_x.c, or a script test_y.sh run with bash, each with an optional timeout in
# seconds. `make test` builds them all, then tests/run.sh runs each as its own process.
TEST_CFLAGS = $(CFLAGS_BASE) -Ituned -Iharness -I$(GEN_DIR)
TEST_NAMES := $(shell awk '$$1 ~ /^test_/ { print $$1 }' tests/TESTS 2>/dev/null)
TEST_BINS  := $(addprefix $(BUILD)/tests/,$(filter-out %.sh,$(TEST_NAMES)))

$(BUILD)/tests/%: tests/%.c $(BUILD)/libmha_dev.a $(BUILD)/obj/harness/reference.o \
                  $(wildcard tuned/*.h) harness/reference.h $(GEN_DIR)/kernels.mk | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/obj/harness/reference.o $(BUILD)/libmha_dev.a \
	  -lcmocka -lpthread -lm

test: deps gen $(TEST_BINS)
	@BUILD=$(BUILD) MAKE="$(MAKE)" tests/run.sh

# check-all: what is too slow for every CI run, after the whole suite: the compiler x flags
# matrix (gcc and clang, -O2 and -O3 -ffast-math) on the sampled variants.
CHECK_ALL_MATRIX := gcc:-O2 gcc:-O3,-ffast-math clang:-O2 clang:-O3,-ffast-math
check-all: test
	COMPILER_MATRIX="$(CHECK_ALL_MATRIX)" BUILD=$(BUILD) MAKE="$(MAKE)" bash tests/test_compilers.sh

# test_dispatch also links the shipped tables (the ones `make lib` links), listed as
# mha__shipped_tables: their kernels are in libmha_dev.a, so it can select among them. With
# a sample of the variants (GEN_FLAGS=--sample, test_compilers.sh) some may be missing: then
# it links none, and its test of them skips.
SHIPPED_TABLES := $(if $(filter-out $(GEN_KERNELS),$(notdir $(basename $(TABLE_KERNELS)))),,$(TABLES_LINKED))
$(BUILD)/tables/shipped.c: $(SHIPPED_TABLES) scripts/table_list.sh FORCE
	@mkdir -p $(@D)
	@scripts/table_list.sh -n shipped $(SHIPPED_TABLES) >$@.tmp && { cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }
SHIPPED_OBJS := $(SHIPPED_TABLES:tuned/%.c=$(BUILD)/obj/tuned/%.o) $(BUILD)/obj/tables/shipped.o
$(BUILD)/tests/test_dispatch: tests/test_dispatch.c $(SHIPPED_OBJS) $(BUILD)/libmha_dev.a $(BUILD)/obj/harness/reference.o \
                              $(wildcard tuned/*.h) harness/reference.h $(GEN_DIR)/kernels.mk | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(SHIPPED_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/libmha_dev.a \
	  -lcmocka -lpthread -lm
