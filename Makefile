# udhook: udhcpc hooks in C.  See README.md.
#
# Variables a packager may set: CC, CFLAGS, LDFLAGS, CPPFLAGS, PKG_CONFIG,
# DESTDIR, PREFIX, HOOKDIR, STATIC=1 (static programs), SAN=1 (address and
# undefined-behaviour sanitizers, for the tests).

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
XCFLAGS	= -std=c99 -D_GNU_SOURCE -Ilib $(WARN) $(MNL_CFLAGS) \
	  -ffunction-sections -fdata-sections
XLDFLAGS = -Wl,--gc-sections

ifeq ($(STATIC),1)
XLDFLAGS += -static
endif
ifeq ($(SAN),1)
XCFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all
XLDFLAGS += -fsanitize=address,undefined
endif

B	= build
LIBSRC	= $(wildcard lib/*.c)
LIBOBJ	= $(LIBSRC:lib/%.c=$(B)/lib/%.o)
HOOKS	= $(B)/script $(B)/default.bound $(B)/default.renew \
	  $(B)/default.deconfig
TSRC	= $(wildcard t/src/*.c)
TPROGS	= $(TSRC:t/src/%.c=$(B)/t/%)

all: $(HOOKS)

$(B)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/hooks/%.o: hooks/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/t/%.o: t/src/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libudhook.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/script: $(B)/hooks/script.o $(B)/libudhook.a
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

$(B)/default.%: $(B)/hooks/%.o $(B)/libudhook.a
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

$(B)/t/%: $(B)/t/%.o $(B)/libudhook.a
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

check: all $(TPROGS)
	prove -v t/

install: all
	./install.sh --dir "$(HOOKDIR)" --from $(B) --man "$(MANDIR)"

clean:
	rm -rf $(B)

.PHONY: all check install clean
.SECONDARY:
