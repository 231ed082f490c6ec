# harness/: reference, verification, timing, counters, topology, search.
HARNESS_CFLAGS = $(CFLAGS_BASE) -Ituned -Iharness -I$(GEN_DIR)
HARNESS_CXXFLAGS = -std=c++17 $(OPT) -g -fPIC $(WARN) $(CXXFLAGS) -Ituned -Iharness
# What links the measurement primitives (timing through Google Benchmark, PAPI counters,
# hwloc topology and pinning, the measured peak): link with $(CXX), or add -lstdc++.
# machine.o and peak.o take the ISA from the runtime's CPU-feature module (mha_cpu.o); peak.o,
# measure.o and impl_openblas.o run their threads on its one thread team (mha_team.o).
HARNESS_OBJS := $(addprefix $(BUILD)/obj/harness/,machine.o counters.o peak.o bench_shim.o) $(addprefix $(BUILD)/obj/tuned/,mha_cpu.o mha_team.o)
HARNESS_LIBS  = $(or $(shell pkg-config --libs benchmark papi hwloc 2>/dev/null),-lbenchmark -lpapi -lhwloc) -lpthread

$(BUILD)/obj/harness/%.o: harness/%.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/obj/harness/%.o: harness/%.cc | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CXX) $(HARNESS_CXXFLAGS) $(DEPFLAGS) -c -o $@ $<

# mha-machine [--json]: the machine, its counters, its measured peak and bandwidth.
$(BUILD)/mha-machine: $(BUILD)/obj/harness/machine_info.o $(HARNESS_OBJS)
	$(CXX) $(LDFLAGS) -o $@ $^ $(HARNESS_LIBS) -lm

# tests/test_harness needs the primitives and a C++ link; this explicit rule wins over the
# pattern rule in tests/tests.mk.
$(BUILD)/tests/test_harness: tests/test_harness.c $(HARNESS_OBJS) $(BUILD)/obj/harness/util.o $(BUILD)/obj/harness/reference.o $(wildcard harness/*.h) | $(DEPS_OK)
	@mkdir -p $(@D) $(BUILD)/obj/tests
	$(CC) $(HARNESS_CFLAGS) -c -o $(BUILD)/obj/tests/test_harness.o $<
	$(CXX) $(LDFLAGS) -o $@ $(BUILD)/obj/tests/test_harness.o $(HARNESS_OBJS) $(BUILD)/obj/harness/util.o $(BUILD)/obj/harness/reference.o $(HARNESS_LIBS) -lcmocka -lm

# mha-bench loads libmha itself for its paired cases (the calls with 0.2 fields), from where
# impl_mhatune.c loads it; this explicit rule wins over the pattern rule above.
$(BUILD)/obj/harness/bench.o: harness/bench.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) $(DEPFLAGS) -DMHA_LIB_DIR_DEFAULT='"$(abspath $(BUILD))"' -c -o $@ $<
