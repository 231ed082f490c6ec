# harness/compare.mk: the peers (oneDNN, OpenBLAS, ggml) beside ours, behind one interface
# (harness/impl.h); `make compare`, which times them all on the tune's workloads; and
# `make bench`, the project's performance targets (harness/bench.txt) measured in one run.
#   make compare                                 every implementation, harness/workloads.txt
#   make compare MODELS=bert-base,llama3-8b      only those models; WORKLOADS=file for your own
#   make compare IMPLS=onednn,mhatune            only those implementations
#   make compare LAYERS=bert-base LAYER_TOKENS=128   the whole layer of those models (LAYERS= none)
#   make bench                                   harness/bench.txt; BENCH_CASES=file for others
# Results go to results/<machine-id>/compare.tsv, compare-layer.tsv, compare.md and gbench-compare.json, and
# bench.tsv, bench.md and gbench-bench.json.
IMPLS ?=
LAYERS ?= bert-base,gpt2-medium,llama2-7b,llama3-8b
LAYER_TOKENS ?= 1,128,1024
BENCH_CASES ?= harness/bench.txt
# Debian's OpenBLAS 0.3.21 does not know Zen 5 and would run its AVX2 (Haswell) kernels: give
# it its AVX-512 ones on a CPU that has AVX-512, unless the user chose a core type.
OPENBLAS_ENV = $(if $(OPENBLAS_CORETYPE),,$(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo OPENBLAS_CORETYPE=SkylakeX))
# Debian's libdnnl-dev ships no .pc file; OpenBLAS does (its headers sit in a flavour's folder).
OPENBLAS_CFLAGS  = $(shell pkg-config --cflags openblas 2>/dev/null)
OPENBLAS_LIBS    = $(or $(shell pkg-config --libs openblas 2>/dev/null),-lopenblas)
# libgomp: oneDNN runs on OpenMP, and its thread count is set through omp_set_num_threads.
IMPL_LIBS   = -ldnnl -lgomp $(OPENBLAS_LIBS) -ldl -lpthread -lm
IMPL_OBJS  := $(addprefix $(BUILD)/obj/harness/,impl.o impl_mhatune.o impl_onednn.o impl_openblas.o)
IMPL_OBJS  += $(BUILD)/obj/harness/impl_ggml.o $(BUILD)/obj/harness/layer_peers.o
# torch.nn.MultiheadAttention, a peer of the layer, runs in Debian's python3 (python3-torch,
# installed by scripts/deps.sh --torch, only for compare and bench) through this script.
TORCH_PYTHON ?= /usr/bin/python3
# Ours are loaded at run time, from here unless MHA_LIB_DIR says otherwise.
MHA_SOS    := $(BUILD)/libmha.so $(BUILD)/libmha_default.so
# ggml (llama.cpp's attention) is a peer when scripts/ggml-fetch.sh could fetch it (npm, network):
# loaded at run time from here unless MHA_GGML_DIR says otherwise. Fetching never fails the build.
GGML_DIR   ?= $(BUILD)/ggml
ggml-fetch:
	-@scripts/ggml-fetch.sh $(GGML_DIR)
.PHONY: ggml-fetch
# torch for the layer's peer: the peers' deps group, installed here for compare and bench only;
# where it cannot be, they go on without it, saying so.
deps-torch:
	-@TORCH_PYTHON=$(TORCH_PYTHON) scripts/deps.sh --torch
.PHONY: deps-torch

$(BUILD)/obj/harness/impl_ggml.o: harness/impl_ggml.c harness/impl.h harness/impl_internal.h harness/reference.h tuned/mha.h | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) -DMHA_GGML_DIR_DEFAULT='"$(abspath $(GGML_DIR))"' -c -o $@ $<

$(BUILD)/obj/harness/layer_peers.o: harness/layer_peers.c harness/layer_peers.h harness/impl.h harness/impl_internal.h harness/util.h tuned/mha.h | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) -DMHA_SCRIPTS_DIR_DEFAULT='"$(abspath scripts)"' -c -o $@ $<

$(BUILD)/obj/harness/impl_mhatune.o: harness/impl_mhatune.c harness/impl.h harness/impl_internal.h tuned/mha.h | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) -DMHA_LIB_DIR_DEFAULT='"$(abspath $(BUILD))"' -c -o $@ $<

# -O3 -ffast-math lets the compiler vectorise the softmax's expf through glibc's libmvec, as a
# careful user would build it (the file uses no infinities). Compile only: -ffast-math on a link
# line would set flush-to-zero for the whole process, ours included.
$(BUILD)/obj/harness/impl_openblas.o: harness/impl_openblas.c harness/impl.h harness/impl_internal.h | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) $(OPENBLAS_CFLAGS) -O3 -ffast-math -c -o $@ $<

MEASURE_OBJS := $(addprefix $(BUILD)/obj/harness/,measure.o util.o reference.o) $(IMPL_OBJS)

# The layer rows (bench_layer.c) run ours through libmha_dev.a, as mha-bench does.
$(BUILD)/mha-compare: $(BUILD)/obj/harness/compare.o $(BUILD)/obj/harness/bench_layer.o $(MEASURE_OBJS) $(BUILD)/obj/harness/journal.o $(HARNESS_OBJS) $(BUILD)/libmha_dev.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(HARNESS_LIBS) $(IMPL_LIBS)

# libmha_dev.a: the plan model (mha__plan_for) and the registry, for its scaling lines; the GEMM
# runtime (mha__gemm_*, hidden in libmha.so) and the layer, for the layer rows (bench_layer.c).
$(BUILD)/mha-bench: $(BUILD)/obj/harness/bench.o $(BUILD)/obj/harness/bench_layer.o $(MEASURE_OBJS) $(BUILD)/obj/harness/isolate.o $(HARNESS_OBJS) $(BUILD)/libmha_dev.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(HARNESS_LIBS) $(IMPL_LIBS)

compare: $(BUILD)/mha-compare lib $(BUILD)/libmha_default.so ggml-fetch deps-torch
	env $(OPENBLAS_ENV) MHA_GGML_DIR=$(abspath $(GGML_DIR)) MHA_TORCH_PYTHON=$(TORCH_PYTHON) $(BUILD)/mha-compare --workloads $(WORKLOADS) $(if $(MODELS),--models $(MODELS)) $(if $(IMPLS),--impls $(IMPLS)) $(if $(LAYERS),--layers $(LAYERS) --layer-tokens $(LAYER_TOKENS))

bench: $(BUILD)/mha-bench lib $(BUILD)/libmha_default.so ggml-fetch deps-torch
	env $(OPENBLAS_ENV) MHA_GGML_DIR=$(abspath $(GGML_DIR)) MHA_TORCH_PYTHON=$(TORCH_PYTHON) $(BUILD)/mha-bench --cases $(BENCH_CASES)

# tests/test_peers: the projections' and the layer's peers against double-precision sums.
# The composite's attention is mha_attention of libmha_dev.a, linked in.
$(BUILD)/tests/test_peers: tests/test_peers.c $(IMPL_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/obj/harness/util.o $(BUILD)/libmha_dev.a $(MHA_SOS) | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) $(LDFLAGS) -o $@ $< $(IMPL_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/obj/harness/util.o $(BUILD)/libmha_dev.a -lcmocka $(IMPL_LIBS)

# tests/test_impl: every implementation against the reference; it loads ours, so it needs them,
# and ggml where it can be fetched (without it, the test checks that ggml says it is unavailable).
$(BUILD)/tests/test_impl: tests/test_impl.c $(IMPL_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/obj/harness/util.o $(BUILD)/obj/tuned/mha_team.o $(MHA_SOS) | $(DEPS_OK) ggml-fetch
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) $(LDFLAGS) -o $@ $< $(IMPL_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/obj/harness/util.o $(BUILD)/obj/tuned/mha_team.o -lcmocka $(IMPL_LIBS)
