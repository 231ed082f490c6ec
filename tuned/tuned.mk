# tuned/: the shippable library. The hand-written runtime, the tables (one per tuned machine
# in tuned/tables/<machine-id>/, else the generator's default one) and their kernels make
# libmha.a/.so; `make dist` packs them into a tarball that builds with only a C compiler.
RUNTIME_SRCS := tuned/mha.c tuned/mha_dispatch.c tuned/mha_run.c tuned/mha_rows.c tuned/mha_team.c tuned/mha_cpu.c \
                tuned/mha_gemm.c tuned/mha_layer.c
RUNTIME_HDRS := tuned/mha.h tuned/mha_internal.h tuned/mha_cpu.h tuned/mha_dispatch.h tuned/mha_run.h \
                tuned/mha_rows.h tuned/mha_team.h tuned/mha_kernel.h tuned/mha_table.h tuned/mha_half.h tuned/mha_dclass.h \
                tuned/mha_gemm.h
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(BUILD)/obj/%.o)
LIB_CFLAGS    = $(CFLAGS_BASE) -fvisibility=hidden -Ituned -I$(GEN_DIR)

# The shared library's version and SONAME: while the major version is 0 a minor version may
# change the ABI (0.2 appended fields to the descriptor), so the SONAME carries both.
MHA_VERSION := $(shell sed -n 's/^\#define MHA_VERSION_STRING "\(.*\)"/\1/p' tuned/mha.h)
MHA_SONAME  := libmha.so.$(word 1,$(subst ., ,$(MHA_VERSION))).$(word 2,$(subst ., ,$(MHA_VERSION)))

# The tables linked (Makefile: TABLES_LINKED, each machine's stamped with these templates),
# the winners' sources they name (one kernels folder for all), and the list of tables
# (mha__tables) the dispatch selects from; untuned, the generator's default table alone.
ifneq ($(TABLES_LINKED),)
TABLE_SRC      := $(TABLES_LINKED)
TABLE_KERNELS  := $(sort $(shell sed -n -e 's|^extern const mha__kernel mha__k_\(.*\);$$|tuned/kernels/\1.c|p' \
                    -e 's|^extern const mha__gemm_kernel mha__gk_\(.*\);$$|tuned/kernels/\1.c|p' $(TABLES_LINKED)))
TABLE_MACHINES := $(notdir $(patsubst %/,%,$(dir $(TABLES_LINKED))))
else
TABLE_SRC      := $(GEN_DIR)/default_table.c
TABLE_KERNELS  := $(DEFAULT_KERNELS:%=$(GEN_DIR)/kernels/%.c)
TABLE_MACHINES := untuned
endif
TABLE_OBJS := $(patsubst tuned/%.c,$(BUILD)/obj/tuned/%.o,\
              $(patsubst $(BUILD)/%.c,$(BUILD)/obj/%.o,$(TABLE_SRC) $(TABLE_KERNELS))) $(BUILD)/obj/tables/linked.o

# A list's text changes only with the set of tables: rewritten only when it differs.
$(BUILD)/tables/linked.c: $(TABLE_SRC) scripts/table_list.sh FORCE
	@mkdir -p $(@D)
	@scripts/table_list.sh $(TABLE_SRC) >$@.tmp && { cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }
$(BUILD)/tables/default.c: $(GEN_DIR)/default_table.c scripts/table_list.sh
	@mkdir -p $(@D)
	scripts/table_list.sh $< >$@
$(BUILD)/obj/tables/%.o: $(BUILD)/tables/%.c tuned/mha_table.h tuned/mha_kernel.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<
.PHONY: FORCE
FORCE:

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
$(BUILD)/libmha_default.so: $(RUNTIME_OBJS) $(BUILD)/obj/gen/default_table.o $(BUILD)/obj/tables/default.o $(DEFAULT_KERNELS:%=$(BUILD)/obj/gen/kernels/%.o)
	$(CC) -shared -fvisibility=hidden $(LDFLAGS) -o $@ $^ -lpthread -lm

# The runtime, the default table and every generated variant: for the tests and the harness.
$(BUILD)/libmha_dev.a: $(RUNTIME_OBJS) $(BUILD)/obj/gen/default_table.o $(BUILD)/obj/tables/default.o $(GEN_OBJS)
	@rm -f $@
	ar rcs $@ $^

lib: table-check $(BUILD)/libmha.a $(BUILD)/libmha.so

# Staleness, per table (tuned/README): this machine's table from other templates stops the
# build (tune again); another machine's is left out, with a line saying so, until
# `make tables` regenerates it from the current templates (or it is tuned again there).
.PHONY: table-check tables
table-check:
ifneq ($(wildcard tuned/mha_table.c),)
	@echo "lib: tuned/mha_table.c is a table of the one-table layout, which no build reads: 'make tables' moves it into tuned/tables/<machine-id>/" >&2; exit 1
endif
ifneq ($(TABLES_STALE),)
	@$(MAKE) --no-print-directory -s $(BUILD)/mha-signature
	@sig=$$($(BUILD)/mha-signature); for t in $(TABLES_STALE); do \
	  h=$$(sed -n 's/.* from templates \([0-9a-f]*\)\.\( \*\/\)\{0,1\}$$/\1/p' $$t | head -n 1); \
	  s=$$(sed -n 's/.* by mha-tune for [^ ]* (\([^)]*\)) from templates .*/\1/p' $$t | head -n 1); \
	  if [ "$$s" = "$$sig" ]; then \
	    echo "lib: $$t is this CPU's table ($$sig), tuned with templates $$h, but the templates are now $(TEMPLATE_HASH)." >&2; \
	    echo "lib: run 'make tables' (it regenerates the table when its kernels' code is unchanged), else 'make tune' again, or remove $$(dirname $$t) for the other tables or the defaults." >&2; \
	    exit 1; fi; \
	  echo "lib: $$t ($$s) was tuned with templates $$h, not $(TEMPLATE_HASH): left out; 'make tables' regenerates it if its kernels still exist" >&2; \
	done
endif

$(BUILD)/mha-signature: harness/signature.c tuned/mha_cpu.c tuned/mha_internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) -Ituned -o $@ harness/signature.c tuned/mha_cpu.c -lpthread

# Regenerates the other machines' tables from the current templates (harness/tables.h).
tables: $(BUILD)/mha-tune
	$(BUILD)/mha-tune --refresh --gen $(GEN_DIR)

# dist: build/mhatune-<machine-id>.tar.gz (with several tables, mhatune-<n>-cpus), laid out
# as tuned/dist/README describes: every linked table, as src/mha_table_<machine-id>.c.
DIST_FILES := tuned/dist/Makefile tuned/dist/CMakeLists.txt tuned/dist/mha.pc.in tuned/dist/README
DIST_NAME  := mhatune-$(if $(word 2,$(TABLE_MACHINES)),$(words $(TABLE_MACHINES))-cpus,$(or $(TABLE_MACHINES),unknown))
dist: table-check $(RUNTIME_SRCS) $(RUNTIME_HDRS) $(TABLE_SRC) $(TABLE_KERNELS) $(BUILD)/tables/linked.c $(DIST_FILES) examples/llama_gqa.c examples/engine_decode.c examples/gpt2_block.c
	@dir=$(BUILD)/dist/$(DIST_NAME); \
	rm -rf $(BUILD)/dist && mkdir -p $$dir/include $$dir/src/kernels $$dir/examples && \
	cp tuned/mha.h $$dir/include/ && \
	cp $(RUNTIME_SRCS) $(filter-out tuned/mha.h,$(RUNTIME_HDRS)) $$dir/src/ && \
	$(if $(TABLES_LINKED),$(foreach t,$(TABLES_LINKED),cp $(t) $$dir/src/mha_table_$(notdir $(patsubst %/,%,$(dir $(t)))).c &&),cp $(TABLE_SRC) $$dir/src/mha_table_default.c &&) \
	cp $(BUILD)/tables/linked.c $$dir/src/mha_tables.c && \
	$(if $(TABLE_KERNELS),cp $(TABLE_KERNELS) $$dir/src/kernels/ &&) \
	cp $(DIST_FILES) $$dir/ && cp examples/llama_gqa.c examples/engine_decode.c examples/gpt2_block.c $$dir/examples/ && \
	tar -C $(BUILD)/dist -czf $(BUILD)/$(DIST_NAME).tar.gz $(DIST_NAME) && \
	echo "dist: $(BUILD)/$(DIST_NAME).tar.gz ($(words $(TABLE_MACHINES)) tables: $(TABLE_MACHINES))"
