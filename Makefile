# sitrep: plain GNU Make + pkg-config.  See docs/ARCHITECTURE.md ("Build").
#
#   make            build ./sitrep (and build/libsitrep.a)
#   make test       deps, build, run every test (tests/run.sh)
#   make start      deps, build, ingest the bundled sample into ./sitrep.db, show it
#   make deps       install the Debian packages the build and tests need (idempotent)
#   make SAN=1 ...  same targets built with AddressSanitizer + UBSan (into build-san/)
#   make fuzz       build the libFuzzer harnesses (clang) into build-fuzz/
#   make eval       quality evaluations against ../shared/data (skip when absent)
#   make bench      speed benchmarks against peers (skip when data is absent)

CC      ?= cc
PKGS    := libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc libdeflate libmicrohttpd
CMOCKA  := cmocka

ifeq ($(FUZZ),1)
CC      := clang
BUILD   ?= build-fuzz
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
OPT     ?= -O1 -g
else ifeq ($(SAN),1)
BUILD   ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT     ?= -O1 -g
else
BUILD   ?= build
SANFLAGS :=
OPT     ?= -O2 -g
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wvla -Wformat=2
CFLAGS  ?= $(OPT)
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Ilib $(PKG_CFLAGS) \
              -include lib/base/banned.h -MMD -MP
LDFLAGS ?=
ALL_LDFLAGS := $(LDFLAGS) $(SANFLAGS)

ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

LIB_SRC  := $(sort $(shell find lib -name '*.c'))
CLI_SRC  := $(sort $(wildcard src/*.c))
WEB_SRC  := $(sort $(shell find web -type f 2>/dev/null))
WEB_DIRS := $(sort $(shell find web -type d 2>/dev/null))
WEB_OBJ  := $(BUILD)/gen/web_assets.o
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/df_en.o $(BUILD)/gen/gazetteer_bin.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

BIN := $(BUILD)/sitrep

.PHONY: all deps test unit start clean fuzz fuzz-bins fuzz-run eval bench check-deps

all: $(BIN) $(UNIT_BIN)
ifeq ($(BUILD),build)
	@ln -sf build/sitrep sitrep
endif

$(BUILD)/libsitrep.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(WEB_OBJ) $(BUILD)/libsitrep.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(WEB_OBJ) $(BUILD)/libsitrep.a $(ALL_LDFLAGS) $(PKG_LIBS)

# web/** embedded into the binary: one C array per file (scripts/embed.sh); the folders
# are prerequisites too, so adding or removing a file regenerates it
$(BUILD)/gen/web_assets.c: scripts/embed.sh $(WEB_SRC) $(WEB_DIRS)
	@mkdir -p $(dir $@)
	$(call say,EMBED,$@)
	$(Q)sh scripts/embed.sh web >$@.tmp && mv $@.tmp $@

$(WEB_OBJ): $(BUILD)/gen/web_assets.c
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libsitrep.a
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags $(CMOCKA)) -o $@ $< $(BUILD)/libsitrep.a \
	  $(ALL_LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs $(CMOCKA))

# data files compiled into the library
$(BUILD)/gen/df_en.c: data/df/df-en.bin scripts/bin2c.sh
	@mkdir -p $(dir $@)
	$(call say,BIN2C,$@)
	$(Q)sh scripts/bin2c.sh data/df/df-en.bin sr_df_en >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/df_en.o: $(BUILD)/gen/df_en.c
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/gazetteer_bin.c: data/gazetteer/gazetteer.bin scripts/bin2c.sh
	@mkdir -p $(dir $@)
	$(call say,BIN2C,$@)
	$(Q)sh scripts/bin2c.sh data/gazetteer/gazetteer.bin sr_gazetteer_bin >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/gazetteer_bin.o: $(BUILD)/gen/gazetteer_bin.c
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

deps:
	@sh scripts/deps.sh

check-deps:
	@sh scripts/deps.sh --check

test: deps
	@$(MAKE) --no-print-directory all
	@SITREP_BIN=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) sh tests/run.sh

unit: all
	@SITREP_BIN=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) sh tests/run.sh unit

start: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/start.sh $(abspath $(BIN))

FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
fuzz:
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bins

fuzz-bins: $(FUZZ_BIN)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/libsitrep.a
	$(call say,FUZZ,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< build-fuzz/libsitrep.a $(PKG_LIBS)

fuzz-run: fuzz
	@sh tests/fuzz/run.sh build-fuzz

eval: $(BIN)
	@sh bench/eval.sh

bench: $(BIN)
	@sh bench/bench.sh

clean:
	rm -rf build build-san build-fuzz sitrep

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(WEB_OBJ:.o=.d)
