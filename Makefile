# rvss: make deps | build | test | demo | bench | install | lint | fuzz
# Everything runs as root on Debian 12 (packages, loop devices, namespaces).

CARGO       ?= cargo
DESTDIR     ?=
MODULESDIR  ?= $(shell smbd -b 2>/dev/null | sed -n 's/^ *MODULESDIR: *//p')
SBINDIR     ?= /usr/sbin
MODULE      := target/release/librvss.so
CLI         := target/release/rvss
# Seconds each fuzz target runs in `make fuzz` and, within `make test`, in `make fuzz-short`.
FUZZ_SECONDS       ?= 60
FUZZ_SHORT_SECONDS ?= 10

.PHONY: all deps build test unit e2e demo bench install lint clean fuzz fuzz-short

all: build

# Debian packages and the Samba header bundle (cached, idempotent).
deps:
	@bash scripts/deps.sh

build: deps
	$(CARGO) build --release --all-targets

# Unit tests (no Samba needed) and end-to-end tests (real Samba, real btrfs).
test: build
	$(CARGO) test --release
	$(MAKE) fuzz-short

unit: deps
	$(CARGO) test --release --lib

# cargo-fuzz targets for every parser (fuzz/README.md); installs cargo-fuzz once.
fuzz: deps
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-short: deps
	@bash scripts/fuzz.sh $(FUZZ_SHORT_SECONDS) $(FUZZ_TARGETS)

demo: build
	@bash scripts/demo.sh $(MODULE)

lint: deps
	$(CARGO) fmt --check
	$(CARGO) fmt --check --manifest-path fuzz/Cargo.toml
	$(CARGO) clippy --release --all-targets -- -D warnings

install: build
	@test -n "$(MODULESDIR)" || { echo "cannot find Samba's MODULESDIR (smbd -b)"; exit 1; }
	install -D -m 0644 $(MODULE) $(DESTDIR)$(MODULESDIR)/vfs/rvss.so
	install -D -m 0755 $(CLI) $(DESTDIR)$(SBINDIR)/rvss

clean:
	$(CARGO) clean
