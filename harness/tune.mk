# harness/tune.mk: the tuner (build/mha-tune) and `make tune`.
#   make tune                         the default level (measure) over harness/workloads.txt
#   make tune TUNE=quick|exhaustive   FFTW-style rigor levels
#   make tune MODELS=llama3-8b,phi-2  only those models; WORKLOADS=file for your own shapes
#   make tune TIME_LIMIT=600          stop starting measurements after that many seconds
#   make tune ONLY=gemm               the projections' GEMM alone (GEMM_WORKLOADS), keeping the
#                                     table's attention entries; ONLY=attention the reverse
#   make tune-check CHECK=quick AGAINST=exhaustive
#                                     the tune's score: each workload's CHECK winner (default TUNE)
#                                     raced against AGAINST's (default exhaustive where its winners
#                                     file is, else measure) and the untuned default in alternating
#                                     pairs; regret per workload, mean and worst, in results/<id>/
#                                     tune-check-CHECK-vs-AGAINST.md. AGAINST_FILE=path: another
#                                     run's winners (two runs of one level: the repeatability)
TUNE       ?= measure
MODELS     ?=
WORKLOADS  ?= harness/workloads.txt
TIME_LIMIT ?= 0
ONLY       ?=
GEMM_WORKLOADS ?= harness/gemm_workloads.txt
CHECK      ?= $(TUNE)
AGAINST    ?=
AGAINST_FILE ?=
TUNE_SRCS  := harness/tune.c harness/tune_search.c harness/tune_final.c harness/tune_check.c harness/tune_gemm.c harness/tune_out.c harness/tables.c harness/journal.c harness/isolate.c harness/util.c
CC_VERSION := $(shell $(CC) --version 2>/dev/null | head -1)
TUNE_DEFS   = -DMHA_CC='"$(CC_VERSION)"' -DMHA_CFLAGS='"$(filter-out -Werror,$(CFLAGS_BASE))"'

TUNE_OBJS  := $(TUNE_SRCS:harness/%.c=$(BUILD)/obj/harness/%.o)

# tune_out.o alone records the compiler and flags it stamps results with.
$(BUILD)/obj/harness/tune_out.o: HARNESS_CFLAGS += $(TUNE_DEFS)
$(BUILD)/mha-tune: $(TUNE_OBJS) $(HARNESS_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/libmha_dev.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(HARNESS_LIBS) -lpthread -lm

tune: $(BUILD)/mha-tune
	$(BUILD)/mha-tune --level $(TUNE) --workloads $(WORKLOADS) --gemm-workloads $(GEMM_WORKLOADS) \
	  --time-limit $(TIME_LIMIT) --gen $(GEN_DIR) $(if $(MODELS),--models $(MODELS)) $(if $(ONLY),--only $(ONLY))
	$(MAKE) --no-print-directory lib

tune-check: $(BUILD)/mha-tune
	$(BUILD)/mha-tune --check $(CHECK) --workloads $(WORKLOADS) $(if $(AGAINST),--against $(AGAINST)) \
	  $(if $(AGAINST_FILE),--against-file $(AGAINST_FILE)) $(if $(MODELS),--models $(MODELS))
