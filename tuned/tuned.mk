# tuned/: the shippable library. The hand-written runtime, the table (tuned/mha_table.c
# after a tune, else the generator's default one) and its kernels make libmha.a/.so;
# `make dist` packs them into a tarball that builds with only a C compiler.
RUNTIME_SRCS := tuned/mha.c tuned/mha_cpu.c tuned/mha_dispatch.c tuned/mha_run.c
RUNTIME_HDRS := tuned/mha.h tuned/mha_internal.h tuned/mha_kernel.h tuned/mha_table.h
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(BUILD)/obj/%.o)
LIB_CFLAGS    = $(CFLAGS_BASE) -fvisibility=hidden -Ituned -I$(GEN_DIR)

ifneq ($(wildcard tuned/mha_table.c),)
TABLE_SRC     := tuned/mha_table.c
TABLE_KERNELS := $(wildcard tuned/kernels/*.c)
else
TABLE_SRC     := $(GEN_DIR)/default_table.c
TABLE_KERNELS := $(DEFAULT_KERNELS:%=$(GEN_DIR)/kernels/%.c)
endif
TABLE_OBJS := $(patsubst tuned/%.c,$(BUILD)/obj/tuned/%.o,\
              $(patsubst $(BUILD)/%.c,$(BUILD)/obj/%.o,$(TABLE_SRC) $(TABLE_KERNELS)))

$(BUILD)/obj/tuned/%.o: tuned/%.c $(RUNTIME_HDRS)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(BUILD)/libmha.a: $(RUNTIME_OBJS) $(TABLE_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libmha.so: $(RUNTIME_OBJS) $(TABLE_OBJS)
	$(CC) -shared -fvisibility=hidden -o $@ $^ -lpthread -lm

# The runtime with the generator's default table and kernels and no tuned entries: what the
# library does untuned, loaded beside libmha.so by `make compare` and `make bench`.
$(BUILD)/libmha_default.so: $(RUNTIME_OBJS) $(BUILD)/obj/gen/default_table.o $(DEFAULT_KERNELS:%=$(BUILD)/obj/gen/kernels/%.o)
	$(CC) -shared -fvisibility=hidden -o $@ $^ -lpthread -lm

# The runtime, the default table and every generated variant: for the tests and the harness.
$(BUILD)/libmha_dev.a: $(RUNTIME_OBJS) $(BUILD)/obj/gen/default_table.o $(GEN_OBJS)
	@rm -f $@
	ar rcs $@ $^

lib: table-check $(BUILD)/libmha.a $(BUILD)/libmha.so

# A tuned table from other templates is stale: refuse it loudly rather than ship it.
.PHONY: table-check
table-check: $(GEN_DIR)/kernels.mk
ifneq ($(wildcard tuned/mha_table.c),)
	@h=$$(sed -n 's/.*from templates \([0-9a-f]*\).*/\1/p' tuned/mha_table.c | head -1); \
	if [ "$$h" != "$(TEMPLATE_HASH)" ]; then \
	  echo "lib: tuned/mha_table.c was tuned with templates $$h, but the templates are now $(TEMPLATE_HASH)." >&2; \
	  echo "lib: run 'make tune' again, or remove tuned/mha_table.c and tuned/kernels/*.c for the default table." >&2; \
	  exit 1; fi
endif

# dist: build/mhatune-<machine-id>.tar.gz, laid out as tuned/dist/README describes.
DIST_FILES := tuned/dist/Makefile tuned/dist/CMakeLists.txt tuned/dist/mha.pc.in tuned/dist/README
dist: $(RUNTIME_SRCS) $(RUNTIME_HDRS) $(TABLE_SRC) $(TABLE_KERNELS) $(DIST_FILES) examples/llama_gqa.c
	@id=$$($(MHAGEN) --machine-id 2>/dev/null) || id=; [ -n "$$id" ] || id=unknown; \
	name=mhatune-$$id; dir=$(BUILD)/dist/$$name; \
	rm -rf $(BUILD)/dist && mkdir -p $$dir/include $$dir/src/kernels $$dir/examples && \
	cp tuned/mha.h $$dir/include/ && \
	cp $(RUNTIME_SRCS) $(filter-out tuned/mha.h,$(RUNTIME_HDRS)) $$dir/src/ && \
	cp $(TABLE_SRC) $$dir/src/mha_table.c && \
	$(if $(TABLE_KERNELS),cp $(TABLE_KERNELS) $$dir/src/kernels/ &&) \
	cp $(DIST_FILES) $$dir/ && cp examples/llama_gqa.c $$dir/examples/ && \
	tar -C $(BUILD)/dist -czf $(BUILD)/$$name.tar.gz $$name && \
	echo "dist: $(BUILD)/$$name.tar.gz"
