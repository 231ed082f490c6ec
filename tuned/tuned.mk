# tuned/: the shippable library. The hand-written runtime, the table (tuned/mha_table.c
# after a tune, else the generator's default one) and its kernels make libmha.a/.so;
# `make dist` packs them into a tarball that builds with only a C compiler.
RUNTIME_SRCS := tuned/mha.c tuned/mha_dispatch.c tuned/mha_run.c tuned/mha_rows.c tuned/mha_cpu.c
RUNTIME_HDRS := tuned/mha.h tuned/mha_internal.h tuned/mha_kernel.h tuned/mha_table.h tuned/mha_half.h tuned/mha_dclass.h
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(BUILD)/obj/%.o)
LIB_CFLAGS    = $(CFLAGS_BASE) -fvisibility=hidden -Ituned -I$(GEN_DIR)

# The shared library's version and SONAME: while the major version is 0 a minor version may
# change the ABI (0.2 appended fields to the descriptor), so the SONAME carries both.
MHA_VERSION := $(shell sed -n 's/^\#define MHA_VERSION_STRING "\(.*\)"/\1/p' tuned/mha.h)
MHA_SONAME  := libmha.so.$(word 1,$(subst ., ,$(MHA_VERSION))).$(word 2,$(subst ., ,$(MHA_VERSION)))

ifneq ($(wildcard tuned/mha_table.c),)
TABLE_SRC     := tuned/mha_table.c
TABLE_KERNELS := $(wildcard tuned/kernels/*.c)
# The machine the table was tuned for names the dist tarball.
TABLE_MACHINE := $(shell sed -n 's/.* by mha-tune for \([^ ]*\) .*/\1/p' tuned/mha_table.c | head -1)
else
TABLE_SRC     := $(GEN_DIR)/default_table.c
TABLE_KERNELS := $(DEFAULT_KERNELS:%=$(GEN_DIR)/kernels/%.c)
TABLE_MACHINE := untuned
endif
TABLE_OBJS := $(patsubst tuned/%.c,$(BUILD)/obj/tuned/%.o,\
              $(patsubst $(BUILD)/%.c,$(BUILD)/obj/%.o,$(TABLE_SRC) $(TABLE_KERNELS)))

$(BUILD)/obj/tuned/%.o: tuned/%.c
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/libmha.a: $(RUNTIME_OBJS) $(TABLE_OBJS)
	@rm -f $@
	ar rcs $@ $^

# libmha.so.X.Y.Z with its SONAME, and the two links a linker and a loader look for.
$(BUILD)/libmha.so: $(RUNTIME_OBJS) $(TABLE_OBJS)
	$(CC) -shared -fvisibility=hidden -Wl,-soname,$(MHA_SONAME) $(LDFLAGS) -o $@.$(MHA_VERSION) $^ -lpthread -lm
	ln -sf libmha.so.$(MHA_VERSION) $(BUILD)/$(MHA_SONAME)
	ln -sf libmha.so.$(MHA_VERSION) $@

# The runtime with the generator's default table and kernels and no tuned entries: what the
# library does untuned, loaded beside libmha.so by `make compare` and `make bench`.
$(BUILD)/libmha_default.so: $(RUNTIME_OBJS) $(BUILD)/obj/gen/default_table.o $(DEFAULT_KERNELS:%=$(BUILD)/obj/gen/kernels/%.o)
	$(CC) -shared -fvisibility=hidden $(LDFLAGS) -o $@ $^ -lpthread -lm

# The runtime, the default table and every generated variant: for the tests and the harness.
$(BUILD)/libmha_dev.a: $(RUNTIME_OBJS) $(BUILD)/obj/gen/default_table.o $(GEN_OBJS)
	@rm -f $@
	ar rcs $@ $^

lib: table-check $(BUILD)/libmha.a $(BUILD)/libmha.so

# A tuned table from other templates is stale: refuse it loudly rather than ship it.
.PHONY: table-check
table-check:
ifneq ($(wildcard tuned/mha_table.c),)
	@h=$$(sed -n 's/.*from templates \([0-9a-f]*\).*/\1/p' tuned/mha_table.c | head -1); \
	if [ "$$h" != "$(TEMPLATE_HASH)" ]; then \
	  echo "lib: tuned/mha_table.c was tuned with templates $$h, but the templates are now $(TEMPLATE_HASH)." >&2; \
	  echo "lib: run 'make tune' again, or remove tuned/mha_table.c and tuned/kernels/*.c for the default table." >&2; \
	  exit 1; fi
endif

# dist: build/mhatune-<machine-id>.tar.gz, named after the machine the table was tuned for,
# laid out as tuned/dist/README describes.
DIST_FILES := tuned/dist/Makefile tuned/dist/CMakeLists.txt tuned/dist/mha.pc.in tuned/dist/README
DIST_NAME  := mhatune-$(or $(TABLE_MACHINE),unknown)
dist: table-check $(RUNTIME_SRCS) $(RUNTIME_HDRS) $(TABLE_SRC) $(TABLE_KERNELS) $(DIST_FILES) examples/llama_gqa.c examples/engine_decode.c
	@dir=$(BUILD)/dist/$(DIST_NAME); \
	rm -rf $(BUILD)/dist && mkdir -p $$dir/include $$dir/src/kernels $$dir/examples && \
	cp tuned/mha.h $$dir/include/ && \
	cp $(RUNTIME_SRCS) $(filter-out tuned/mha.h,$(RUNTIME_HDRS)) $$dir/src/ && \
	cp $(TABLE_SRC) $$dir/src/mha_table.c && \
	$(if $(TABLE_KERNELS),cp $(TABLE_KERNELS) $$dir/src/kernels/ &&) \
	cp $(DIST_FILES) $$dir/ && cp examples/llama_gqa.c examples/engine_decode.c $$dir/examples/ && \
	tar -C $(BUILD)/dist -czf $(BUILD)/$(DIST_NAME).tar.gz $(DIST_NAME) && \
	echo "dist: $(BUILD)/$(DIST_NAME).tar.gz"
