# udhook: udhcpc hooks in C.  See README.md.
#
# Variables a packager may set: CC, CFLAGS, LDFLAGS, CPPFLAGS, PKG_CONFIG,
# DESTDIR, PREFIX, HOOKDIR, STATIC=1 (static programs), B (the build
# directory, build by default).
#
# -pthread: the LNS lookup runs in a thread (lib/lookup.c).
#
# For the tests: SAN=1 builds with the address and undefined-behaviour
# sanitizers, in build-san; VALGRIND=1 makes `make check` run every
# program under valgrind memcheck.  Any finding fails the check.
# `make fuzz` and `make fuzz-run` are at the end.

PREFIX	?= /usr/local
HOOKDIR	?= $(PREFIX)/lib/udhook
MANDIR	?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
CC	?= cc
CFLAGS	?= -O2 -g
AR	?= ar

MNL_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags libmnl 2>/dev/null)
MNL_LIBS	:= $(shell $(PKG_CONFIG) --libs libmnl 2>/dev/null || echo -lmnl)

WARN	= -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
	  -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter \
	  -Wno-format-truncation
XCFLAGS	= -std=c99 -D_GNU_SOURCE -Ilib -Ievent $(WARN) $(MNL_CFLAGS) \
	  -ffunction-sections -fdata-sections
XLDFLAGS = -Wl,--gc-sections -pthread

ifeq ($(STATIC),1)
XLDFLAGS += -static
endif
ifeq ($(SAN)$(VALGRIND),11)
$(error SAN=1 and VALGRIND=1 do not mix: valgrind cannot run ASan programs)
endif
ifeq ($(SAN),1)
B	?= build-san
XCFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all
# gcc's shared libubsan writes to stderr whatever log_path says; linked
# in static, as clang links its runtime, both write where they are told.
SAN_RT	:= $(shell $(CC) --version 2>/dev/null | grep -q clang || \
	   echo -static-libasan -static-libubsan)
XLDFLAGS += -fsanitize=address,undefined $(SAN_RT)
endif

B	?= build
LIBSRC	= $(wildcard lib/*.c)
LIBOBJ	= $(LIBSRC:lib/%.c=$(B)/lib/%.o)
EVSRC	= $(wildcard event/*.c)
EVOBJ	= $(EVSRC:event/%.c=$(B)/event/%.o)
HOOKS	= $(B)/script $(B)/default.bound $(B)/default.renew \
	  $(B)/default.deconfig
TSRC	= $(wildcard t/src/*.c)
TPROGS	= $(TSRC:t/src/%.c=$(B)/t/%)

all: $(HOOKS)

$(B)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/event/%.o: event/%.c event/*.h lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/hooks/%.o: hooks/%.c event/*.h lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/t/%.o: t/src/%.c lib/*.h fuzz/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -Ifuzz -c -o $@ $<

# lease-dump reads its cases as the fuzzers read their inputs.
$(B)/fuzz/%.o: fuzz/%.c fuzz/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/t/lease-dump: $(B)/fuzz/env.o

$(B)/libudhook.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/libevent.a: $(EVOBJ)
	rm -f $@
	$(AR) rcs $@ $(EVOBJ)

$(B)/script: $(B)/hooks/script.o $(B)/libevent.a $(B)/libudhook.a
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

$(B)/default.%: $(B)/hooks/%.o $(B)/libevent.a $(B)/libudhook.a
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

$(B)/t/%: $(B)/t/%.o $(B)/libudhook.a
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

# The tests take the programs from UH_BUILD.  Under SAN=1 and VALGRIND=1
# that is $(B)/wrap, where t/wrap.sh makes each program a script that
# runs it through UH_WRAP: the sanitizers' options, or valgrind.  Either
# way a finding is written to $(REPORTS) and the program exits 99;
# t/99-memcheck.t, the last test, fails on any report.  valgrind shows
# definite leaks only: a hook whose LNS lookup timed out exits with the
# lookup's thread still running, and its stack is "possibly lost".
REPORTS	= $(abspath $(B))/wrap/reports
ASAN_OPTS = detect_leaks=1:detect_stack_use_after_return=1:exitcode=99
UBSAN_OPTS = print_stacktrace=1:halt_on_error=1:exitcode=99
ifeq ($(SAN),1)
UH_WRAP	= env ASAN_OPTIONS=$(ASAN_OPTS):log_path=$(REPORTS)/asan \
	  UBSAN_OPTIONS=$(UBSAN_OPTS):log_path=$(REPORTS)/ubsan
endif
ifeq ($(VALGRIND),1)
UH_WRAP	= valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite \
	  --show-leak-kinds=definite --log-file=$(REPORTS)/valgrind.%p
endif

check: all $(TPROGS)
ifneq ($(strip $(UH_WRAP)),)
	t/wrap.sh $(B) '$(UH_WRAP)' $(HOOKS:$(B)/%=%) $(TPROGS:$(B)/%=%)
	UH_BUILD=$(abspath $(B))/wrap prove -v t/
else
	UH_BUILD=$(abspath $(B)) prove -v t/
endif

install: all
	./install.sh --dir "$(HOOKDIR)" --from $(B) --man "$(MANDIR)"

clean:
	rm -rf $(B) build-san $(FB)

.PHONY: all check install clean
.SECONDARY:

# make bench: bench/bench.sh, the table of README "Performance".  Its
# programs (the floor: an empty main) are built exactly as the hooks are.
# make musl-check: compile everything with musl-gcc (bench/musl-check.sh).
$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) \
	    -o $@ $< $(MNL_LIBS)

bench: all $(B)/bench/floor $(B)/bench/timer
	B=$(B) bench/bench.sh

musl-check:
	bench/musl-check.sh

.PHONY: bench musl-check

# make fuzz: the libFuzzer harnesses of fuzz/ (clang, with ASan and UBSan)
# in build-fuzz.  make fuzz-run FUZZ_SECONDS=N: run each for N seconds
# (fuzz/run.sh; FUZZ_ARGS adds libFuzzer options).
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 20
FB	= build-fuzz
FUZZERS	= l2tpconf lease resolv
FUZZFLAGS = -std=c99 -D_GNU_SOURCE -Ilib -g -O1 -fno-omit-frame-pointer \
	  $(filter-out -Wno-format-truncation,$(WARN)) \
	  -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

$(FB)/%.o: %.c lib/*.h fuzz/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZFLAGS) -c -o $@ $<

$(FB)/fuzz-l2tpconf: $(FB)/fuzz/l2tpconf.o $(FB)/lib/l2tpconf.o
$(FB)/fuzz-lease: $(FB)/fuzz/lease.o $(FB)/fuzz/env.o $(FB)/lib/lease.o \
	  $(FB)/lib/resolv.o
$(FB)/fuzz-resolv: $(FB)/fuzz/resolv.o $(FB)/fuzz/env.o $(FB)/lib/lease.o \
	  $(FB)/lib/resolv.o
$(FUZZERS:%=$(FB)/fuzz-%):
	$(FUZZ_CC) $(FUZZFLAGS) -fsanitize=fuzzer -o $@ $^

fuzz: $(FUZZERS:%=$(FB)/fuzz-%)

fuzz-run: fuzz
	fuzz/run.sh $(FB) $(FUZZ_SECONDS) $(FUZZERS)

.PHONY: fuzz fuzz-run
