# rvss: make deps | build | test | test-cluster | demo | bench | install | lint | man | deb | fuzz
#       | root-test | tarball-test | matrix
# Everything runs as root on Debian (packages, loop devices, namespaces).

CARGO       ?= cargo
DESTDIR     ?=
MODULESDIR  ?= $(shell smbd -b 2>/dev/null | sed -n 's/^ *MODULESDIR: *//p')
SBINDIR     ?= /usr/sbin
MANDIR      ?= /usr/share/man
MODULE      := target/release/librvss.so
CLI         := target/release/rvss
MANPAGES    := target/man/vfs_rvss.8 target/man/rvss.8
# Seconds each fuzz target runs in `make fuzz` and, within `make test`, in `make fuzz-short`.
FUZZ_SECONDS       ?= 60
FUZZ_SHORT_SECONDS ?= 10

.PHONY: all deps build test test-cluster test-failover unit demo bench install lint clean man deb fuzz fuzz-short root-test tarball-test matrix

all: build

# Debian packages and the Samba header bundle (cached, idempotent).
deps:
	@bash scripts/deps.sh

# What `make install`, `make deb` and `make demo` need: the module and the
# CLI. Tests, benchmarks and examples are built by what runs them (make
# test, make bench, make lint, cargo test --no-run in scripts/matrix.sh).
build: deps
	$(CARGO) build --release

# Unit tests (no Samba needed), end-to-end tests (real Samba, real btrfs),
# then the cluster suite.
test: build
	$(CARGO) test --release --no-fail-fast
	$(MAKE) test-cluster
	$(MAKE) fuzz-short

# The cluster suite (tests/e2e_cephfs.rs): a real single-host Ceph cluster
# per test and a two-node CTDB cluster of real ctdbd + smbd, each with its
# own ceph-fuse mount, and a pair of clusters with the cephfs-mirror daemon
# (installs ceph, cephfs-mirror and ctdb from Debian once, about a minute;
# the suite took 4 minutes on a busy 2-core host, before the mirror test,
# which takes about a minute). Not part of
# plain `cargo test` (Cargo.toml: test = false) so that it runs once, here.
test-cluster: build
	@bash scripts/deps-cluster.sh
	$(CARGO) test --release --test e2e_cephfs -- --test-threads=2

# CTDB public-address failover between the two nodes (own network
# namespaces) alone; part of test-cluster too. The survivor serves the
# moved address 5 to 17 s after the failure once the dead node's CephFS
# session is fenced (scripts/ctdb/05.rvss-cephfs-evict.script; vfs_rvss(8),
# CEPHFS AND CTDB CLUSTERS).
test-failover: build
	@bash scripts/deps-cluster.sh
	$(CARGO) test --release --test e2e_cephfs -- public_address_moves_to_b --nocapture

# The core's and the CLI's tests need neither Samba's headers nor libclang.
unit:
	$(CARGO) test --release -p rvss-core -p rvss-cli

# cargo-fuzz targets for every parser (fuzz/README.md); installs cargo-fuzz once.
fuzz: deps
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-short: deps
	@bash scripts/fuzz.sh $(FUZZ_SHORT_SECONDS) $(FUZZ_TARGETS)

demo: build
	@bash scripts/demo.sh $(MODULE)

# Benchmarks: ratios against baselines measured in the same run, written to
# BENCHMARKS.md, benchmarks-summary.png and benchmarks.png (about 65 minutes,
# 35 of them the soak, 1,000 cycles through rvss then through vfs_btrfs a
# second apart, and massif, rpcd_fsrvp under valgrind; RVSS_BENCH_QUICK=1 for
# a short run).
bench: build
	@bash scripts/bench.sh

lint: deps
	$(CARGO) fmt --all --check
	$(CARGO) fmt --check --manifest-path fuzz/Cargo.toml
	$(CARGO) clippy --release --all-targets -- -D warnings
	# The cluster suite is test = false (make test-cluster runs it once), so
	# --all-targets leaves it out.
	$(CARGO) clippy --release --test e2e_cephfs -- -D warnings
	$(CARGO) test --release -p rvss-core --test import_cycles

install: build man
	@test -n "$(MODULESDIR)" || { echo "cannot find Samba's MODULESDIR (smbd -b)"; exit 1; }
	install -D -m 0644 $(MODULE) $(DESTDIR)$(MODULESDIR)/vfs/rvss.so
	install -D -m 0755 $(CLI) $(DESTDIR)$(SBINDIR)/rvss
	install -D -m 0644 target/man/vfs_rvss.8 $(DESTDIR)$(MANDIR)/man8/vfs_rvss.8
	install -D -m 0644 target/man/rvss.8 $(DESTDIR)$(MANDIR)/man8/rvss.8

# Man pages, from their single source man/*.8.md (pandoc).
man: deps $(MANPAGES)

target/man/%.8: man/%.8.md Cargo.toml scripts/man.sh
	@bash scripts/man.sh $< $@

# Debian packages in target/debian: rvss_<version>_<arch>.deb (the module,
# depending on the Samba release series it was built against, and on
# rvss-tools) and rvss-tools_<version>_<arch>.deb (the CLI alone, no Samba:
# what a replication target host installs).
deb: build
	@bash scripts/deb.sh --module $(MODULE) --cli $(CLI) --out target/debian

# `make demo` and `make test` in a clean Debian minbase root (default
# bookworm; RVSS_ROOT_TARGET=trixie for another), as a new user would.
root-test:
	@bash scripts/root-test.sh

# rvss for a Samba dpkg does not know (RVSS_SAMBA_SOURCE; docs/beyond-debian.md),
# in a clean root.
tarball-test:
	@bash scripts/tarball-test.sh

# Build, package and test in clean roots for every Samba Debian ships
# (MATRIX_TARGETS to pick some); the table goes into README.md's support
# table when all four targets ran.
MATRIX_TARGETS ?=
matrix:
	@bash scripts/matrix.sh $(if $(MATRIX_TARGETS),$(MATRIX_TARGETS),--readme)

clean:
	$(CARGO) clean
