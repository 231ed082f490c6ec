# tests/hardening.mk: sanitizer and fuzz builds with clang, each a sub-make of this Makefile in
# its own tree (other BUILD, CC and flags) over the generator's --sample of the variants.
#   make sanitize-build  build/asan: ASan+UBSan (and libFuzzer coverage) tests and fuzz targets;
#                        build/tsan: TSan test_threads
#   make sanitize        runs them (tests/test_sanitize.sh, part of `make test`)
#   make fuzz            the fuzz targets for FUZZ_SECONDS each (tests/test_fuzz.sh)
#   make check-hardening the long runs check-all adds: fuzzing FUZZ_LONG seconds each, and the
#                        sanitizer tests under every MHA_CPU cap
# Works included from the Makefile or added with `make -f Makefile -f tests/hardening.mk`.
ifndef HARDENING_MK
HARDENING_MK := 1

SAN_CC     ?= clang
ASAN_BUILD ?= build/asan
TSAN_BUILD ?= build/tsan
FUZZ_LONG  ?= 600
SAN_WARN   := -Wall -Wextra -Werror
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TSAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
# The generated kernels skip UBSan's pointer-overflow check and libFuzzer's coverage: they
# would triple the build; ASan still sees every access out of bounds.
ASAN_KERNEL_FLAGS := $(ASAN_FLAGS) -fno-sanitize=pointer-overflow
SAN_TESTS  := test_cpu test_api test_features test_dispatch test_threads test_variants
FUZZERS    := fuzz_api fuzz_journal
SAN_JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
# Its own -j: the Makefile forces one when MAKEFLAGS has none, which drops the jobserver.
SAN_MAKE    = MAKEFLAGS= $(MAKE) -j$(SAN_JOBS) -s --no-print-directory -f Makefile -f tests/hardening.mk CC=$(SAN_CC) \
              OPT=-O1 WARN="$(SAN_WARN)" GEN_FLAGS=--sample

.PHONY: sanitize-build sanitize fuzz check-hardening
sanitize-build:
	@$(SAN_MAKE) BUILD=$(ASAN_BUILD) CFLAGS="$(ASAN_FLAGS) -fsanitize=fuzzer-no-link" \
	  SAN_KERNEL_FLAGS="$(ASAN_KERNEL_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" $(SAN_TESTS:%=$(ASAN_BUILD)/tests/%) $(FUZZERS:%=$(ASAN_BUILD)/fuzz/%)
	@$(SAN_MAKE) BUILD=$(TSAN_BUILD) CFLAGS="$(TSAN_FLAGS)" LDFLAGS="$(TSAN_FLAGS)" \
	  $(TSAN_BUILD)/tests/test_threads

sanitize: sanitize-build
	ASAN_BUILD=$(ASAN_BUILD) TSAN_BUILD=$(TSAN_BUILD) bash tests/test_sanitize.sh --no-build

fuzz: sanitize-build
	ASAN_BUILD=$(ASAN_BUILD) bash tests/test_fuzz.sh --no-build

check-hardening: sanitize-build
	ASAN_BUILD=$(ASAN_BUILD) TSAN_BUILD=$(TSAN_BUILD) SANITIZE_CAPS="scalar avx2 avx512" \
	  bash tests/test_sanitize.sh --no-build
	ASAN_BUILD=$(ASAN_BUILD) FUZZ_SECONDS=$(FUZZ_LONG) bash tests/test_fuzz.sh --no-build
check-all: check-hardening

ifdef SAN_KERNEL_FLAGS
$(BUILD)/obj/gen/kernels/%.o: override CFLAGS := $(SAN_KERNEL_FLAGS)
endif

# The fuzz targets: libFuzzer's main, the instrumented library (or the journal reader).
$(BUILD)/fuzz/fuzz_api: tests/fuzz/fuzz_api.c $(BUILD)/libmha_dev.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) -fsanitize=fuzzer -Ituned -o $@ $< $(BUILD)/libmha_dev.a -lpthread -lm

FUZZ_JOURNAL_OBJS := $(addprefix $(BUILD)/obj/harness/,journal.o util.o reference.o)
$(BUILD)/fuzz/fuzz_journal: tests/fuzz/fuzz_journal.c $(FUZZ_JOURNAL_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) -fsanitize=fuzzer -Ituned -Iharness -o $@ $< $(FUZZ_JOURNAL_OBJS) -lm

endif
