# harness/tune.mk: the tuner (build/mha-tune) and `make tune`.
#   make tune                         the default level (measure) over harness/workloads.txt
#   make tune TUNE=quick|exhaustive   FFTW-style rigor levels
#   make tune MODELS=llama3-8b,phi-2  only those models; WORKLOADS=file for your own shapes
#   make tune TIME_LIMIT=600          stop starting measurements after that many seconds
TUNE       ?= measure
MODELS     ?=
WORKLOADS  ?= harness/workloads.txt
TIME_LIMIT ?= 0
TUNE_SRCS  := harness/tune.c harness/journal.c harness/isolate.c harness/util.c
CC_VERSION := $(shell $(CC) --version 2>/dev/null | head -1)
TUNE_DEFS   = -DMHA_CC='"$(CC_VERSION)"' -DMHA_CFLAGS='"$(filter-out -Werror,$(CFLAGS_BASE))"'

$(BUILD)/mha-tune: $(TUNE_SRCS) harness/tune.h harness/util.h $(HARNESS_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/libmha_dev.a
	$(CC) $(HARNESS_CFLAGS) $(TUNE_DEFS) -c -o $(BUILD)/obj/harness/tune.o harness/tune.c
	$(CC) $(HARNESS_CFLAGS) -c -o $(BUILD)/obj/harness/journal.o harness/journal.c
	$(CC) $(HARNESS_CFLAGS) -c -o $(BUILD)/obj/harness/isolate.o harness/isolate.c
	$(CC) $(HARNESS_CFLAGS) -c -o $(BUILD)/obj/harness/util.o harness/util.c
	$(CXX) -o $@ $(BUILD)/obj/harness/tune.o $(BUILD)/obj/harness/journal.o $(BUILD)/obj/harness/isolate.o \
	  $(BUILD)/obj/harness/util.o \
	  $(HARNESS_OBJS) $(BUILD)/obj/harness/reference.o $(BUILD)/libmha_dev.a $(HARNESS_LIBS) -lpthread -lm

tune: $(BUILD)/mha-tune
	$(BUILD)/mha-tune --level $(TUNE) --workloads $(WORKLOADS) --time-limit $(TIME_LIMIT) $(if $(MODELS),--models $(MODELS))
	$(MAKE) --no-print-directory lib
