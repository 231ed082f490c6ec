# harness/: reference, verification, timing, counters, topology, search.
HARNESS_CFLAGS = $(CFLAGS_BASE) -Ituned -Iharness -I$(GEN_DIR)

$(BUILD)/obj/harness/%.o: harness/%.c $(wildcard harness/*.h) | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(HARNESS_CFLAGS) -c -o $@ $<
