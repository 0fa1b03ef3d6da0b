#!/usr/bin/env bash
# Installs what rvss needs to build, test and run, then prepares a relocatable
# bundle of the headers of the exact installed Samba (the VFS ABI is
# version-locked), cached outside the work tree.
#
# Two modes:
#  - Debian (default): Samba is Debian's package. Missing packages are
#    installed with apt (Samba's own packages at the installed Samba's exact
#    version, so a Samba from backports is never downgraded); the headers come
#    from `apt-get source samba=<installed version>`. Bundle:
#    $RVSS_CACHE/samba-headers/<package version>/. Where the archive serves
#    no source for the installed Samba, a bundle kept in the repository for
#    its release series (samba-headers/<series>/, made from Samba's git
#    history by scripts/samba-bundle.sh; see its PROVENANCE) is used.
#  - Source tarball (RVSS_SAMBA_SOURCE=/path/samba-X.Y.Z.tar.gz): Samba is
#    whatever `smbd` runs (self-built, another distribution's package); the
#    headers come from that tarball, which must be the same upstream version
#    as `smbd -V`. Never asks dpkg/apt about Samba. Bundle:
#    $RVSS_CACHE/samba-headers/upstream-X.Y.Z/ (empty package-version).
#
# Idempotent: a second run with everything in place takes well under a second.
set -euo pipefail

CACHE_ROOT=${RVSS_CACHE:-/var/cache/rvss}
SOURCE_TARBALL=${RVSS_SAMBA_SOURCE:-}
# (the preparation changes directory)
case $CACHE_ROOT in /*) ;; *) CACHE_ROOT=$PWD/$CACHE_ROOT ;; esac
case $SOURCE_TARBALL in /* | "") ;; *) SOURCE_TARBALL=$PWD/$SOURCE_TARBALL ;; esac
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WRAPPER=$TOP/samba-module/samba.h

# Samba's own packages: smbd, the VFS modules the tests stack with rvss
# (shadow_copy2, btrfs), and the real clients the tests drive.
SAMBA_PACKAGES=(samba samba-vfs-modules smbclient samba-testsuite)
TOOL_PACKAGES=(
    # btrfs, loop devices, mounts, namespaces, processes
    btrfs-progs util-linux mount iproute2 procps
    # chattr, for the tests of refused snapshot directories
    e2fsprogs
    # moving the clock for gc grace tests (tests/e2e/safety.rs) and
    # rpcd_fsrvp's for calendar retention (tests/e2e/retention.rs), which
    # judges in Europe/Berlin's time (tzdata; not in a minbase root)
    faketime tzdata
    # systemd-analyze verify of the package's timer (tests/e2e/package.rs)
    systemd
    # promtool checks `rvss metrics` (tests/e2e/monitoring.rs)
    prometheus
    # replication over SSH (tests/e2e/replication_ssh.rs): the client rvss
    # runs, and the target host's sshd, which the tests start themselves
    # in a namespace of their own (the package's ssh service is not used)
    openssh-client openssh-server
    # getfacl/setfacl, getfattr/setfattr: restore keeps ACLs and xattrs
    # (tests/e2e/restore.rs)
    acl attr
    # build: bindgen needs libclang; the shim needs a C compiler; cargo
    # fetches crates over https
    build-essential pkg-config libclang-dev ca-certificates
    # enough of Samba's build dependencies to generate its headers
    # (python3-distutils is added where Python < 3.12 splits it out)
    # (Kerberos from the system's MIT krb5: Samba's embedded Heimdal would
    # take longer, want more Perl modules, and is incomplete in +dfsg tarballs)
    dpkg-dev python3 flex bison libparse-yapp-perl libkeyutils-dev
    libgnutls28-dev zlib1g-dev libpopt-dev libkrb5-dev
    # man pages (pandoc, from man/*.8.md; man-db to check them) and the
    # Debian package (dpkg-deb, dpkg-shlibdeps; strip from binutils)
    pandoc man-db binutils
)

# What rvss needs, checked without a package manager (the source tarball
# mode), with the package providing it on Debian, Fedora, openSUSE and Arch.
# The first block generates Samba's headers; the rest builds and tests rvss.
#   check                   debian             fedora              opensuse          arch
REQUIREMENTS='
cmd:gcc                     build-essential    gcc                 gcc               gcc
cmd:python3                 python3            python3             python3           python
cmd:perl                    perl               perl                perl              perl
perl:Parse::Yapp::Driver    libparse-yapp-perl perl-Parse-Yapp     perl-Parse-Yapp   perl-parse-yapp
cmd:flex                    flex               flex                flex              flex
cmd:bison                   bison              bison               bison             bison
cmd:pkg-config              pkg-config         pkgconfig           pkgconfig         pkgconf
pc:gnutls                   libgnutls28-dev    gnutls-devel        gnutls-devel      gnutls
pc:zlib                     zlib1g-dev         zlib-devel          zlib-devel        zlib
h:keyutils.h                libkeyutils-dev    keyutils-libs-devel keyutils-devel    keyutils
h:popt.h                    libpopt-dev        popt-devel          popt-devel        popt
cmd:krb5-config             libkrb5-dev        krb5-devel          krb5-devel        krb5
cmd:tar                     tar                tar                 tar               tar
cmd:xz                      xz-utils           xz                  xz                xz
lib:libclang                libclang-dev       clang-devel         clang-devel       clang
cmd:strip                   binutils           binutils            binutils          binutils
cmd:mkfs.btrfs              btrfs-progs        btrfs-progs         btrfsprogs        btrfs-progs
cmd:unshare                 util-linux         util-linux          util-linux        util-linux
cmd:nsenter                 util-linux         util-linux          util-linux        util-linux
cmd:losetup                 mount              util-linux          util-linux        util-linux
cmd:mount                   mount              util-linux          util-linux        util-linux
cmd:ip                      iproute2           iproute             iproute2          iproute2
cmd:ps                      procps             procps-ng           procps            procps-ng
cmd:chattr                  e2fsprogs          e2fsprogs           e2fsprogs         e2fsprogs
cmd:faketime                faketime           libfaketime         libfaketime       libfaketime
tz:Europe/Berlin            tzdata             tzdata              timezone          tzdata
cmd:systemd-analyze         systemd            systemd             systemd           systemd
cmd:promtool                prometheus         golang-github-prometheus prometheus  prometheus
cmd:setfacl                 acl                acl                 acl               acl
cmd:setfattr                attr               attr                attr              attr
cmd:pandoc                  pandoc             pandoc              pandoc-cli        pandoc-cli
cmd:man                     man-db             man-db              man               man-db
ca:certificates             ca-certificates    ca-certificates     ca-certificates   ca-certificates
py:distutils.sysconfig      python3-distutils  python3-setuptools  python3-setuptools python-setuptools
'

# Samba build targets generating headers the wrapper needs, as far as known
# (Samba 4.17); anything else missing is found by asking gcc (see
# generate_headers), so newer Samba versions need no edit here.
KNOWN_TARGETS=PIDL_SERVER_ID,PIDL_MISC,PIDL_FILE_ID,PIDL_SMB2_LEASE_STRUCT,PIDL_SECURITY,PIDL_SMB_ACL,ntstatus_generated,werror_generated,param_local.h,param_global.h,param_functions.h,s3_param_proto_h,PIDL_SMB3POSIX,hresult_generated

# Relative to Samba's tree, for the configured tree and the bundle alike.
INCLUDE_DIRS="bin/default/include source3/include source3 lib/replace bin/default bin/default/source3 include/public . lib/talloc lib/tevent lib/tdb/include"
CFLAGS_SAMBA=(-D_SAMBA_BUILD_=4 -DHAVE_CONFIG_H=1 -D_GNU_SOURCE=1 -D_XOPEN_SOURCE_EXTENDED=1 -D__STDC_WANT_LIB_EXT1__=1 -D_REENTRANT)

log() { printf 'deps: %s\n' "$*" >&2; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null && command -v dpkg >/dev/null; }

APT_UPDATED=0
# apt_install [-t RELEASE] PACKAGE...
apt_install() {
    local start=$SECONDS opts=()
    if [ "$1" = -t ]; then opts=(-t "$2"); shift 2; fi
    log "installing Debian packages: $*${opts:+ (from ${opts[1]})}"
    if [ $APT_UPDATED = 0 ]; then
        apt-get update -qq || log "warning: apt-get update reported errors; trying to install anyway"
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${opts[@]}" "$@" \
        2> >(grep -v '^debconf: delaying package configuration' >&2) >/dev/null ||
        die "apt-get install ${opts[*]} $* failed"
    log "installed in $((SECONDS - start)) s"
}

# --- Debian mode: packages -------------------------------------------------

# Prints the packages (of the arguments) that are not installed.
not_installed() {
    local installed
    installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null |
        sed -n 's/^\([^ :]*\)\(:[^ ]*\)\? install ok installed$/\1/p' || true)
    local p
    for p in "$@"; do
        grep -qxF "$p" <<<"$installed" || printf '%s\n' "$p"
    done
}

installed_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

# The release (e.g. bookworm-backports) that version $2 of package $1 comes
# from, per apt-cache policy; empty when no configured archive has it.
release_of() {
    apt-cache policy "$1" 2>/dev/null | awk -v v="$2" '
        /^ (\*\*\*|   ) [^ ]/ { cur = ($1 == "***") ? $2 : $1; next }
        cur == v && $2 ~ /:\/\// { split($3, a, "/"); print a[1]; exit }'
}

install_debian_packages() {
    local samba_version missing=() samba=() tools=() p release
    samba_version=$(installed_version samba)
    mapfile -t missing < <(not_installed "${SAMBA_PACKAGES[@]}" "${TOOL_PACKAGES[@]}")
    for p in "${missing[@]}"; do
        if [[ " ${SAMBA_PACKAGES[*]} " == *" $p "* ]]; then samba+=("$p"); else tools+=("$p"); fi
    done
    if [ ${#samba[@]} -gt 0 ] && [ -n "$samba_version" ]; then
        # Samba's packages must match the installed Samba exactly, and come
        # with their dependencies from the release it was installed from
        # (backports, say): never pull in the default release's older Samba.
        release=$(release_of samba "$samba_version")
        samba=("${samba[@]/%/=$samba_version}")
        if [ -n "$release" ]; then
            apt_install -t "$release" "${samba[@]}"
        else
            apt_install "${samba[@]}"
        fi
    elif [ ${#samba[@]} -gt 0 ]; then
        apt_install "${samba[@]}"
    fi
    [ ${#tools[@]} -eq 0 ] || apt_install "${tools[@]}"
    # Samba releases before 4.20 configure with a waf that imports distutils,
    # which Debian ships separately while Python is older than 3.12 (and not
    # at all from 3.12 on, where newer Samba no longer needs it).
    if dpkg --compare-versions "$(installed_version python3)" lt 3.12~ &&
        [ -n "$(not_installed python3-distutils)" ]; then
        apt_install python3-distutils
    fi
}

# deb-src entries for every suite the machine installs from (backports
# included), derived afresh each time a bundle is prepared.
enable_deb_src() {
    local dir=/etc/apt/sources.list.d
    local out=$dir/rvss-deb-src.sources out_list=$dir/rvss-deb-src.list
    rm -f "$out" "$out_list"
    local tmp f
    tmp=$(mktemp)
    for f in "$dir"/*.sources; do
        [ -f "$f" ] || continue
        # a file with deb-src entries already provides them
        grep -qiE '^Types:.*deb-src' "$f" && continue
        sed -e 's/^Types:.*/Types: deb-src/I' "$f" >>"$tmp"
        printf '\n' >>"$tmp"
    done
    [ -s "$tmp" ] && cp "$tmp" "$out"
    : >"$tmp"
    for f in /etc/apt/sources.list "$dir"/*.list; do
        [ -f "$f" ] || continue
        sed -n 's/^[[:space:]]*deb[[:space:]]\+\(.*\)/\1/p' "$f" | while IFS= read -r rest; do
            grep -qE "^[[:space:]]*deb-src[[:space:]]+$(printf '%s' "$rest" | sed 's/[][\.*^$/]/\\&/g')[[:space:]]*$" "$f" ||
                printf 'deb-src %s\n' "$rest"
        done >>"$tmp"
    done
    [ -s "$tmp" ] && cp "$tmp" "$out_list"
    rm -f "$tmp"
    # A third-party archive without sources makes apt-get update fail while
    # the others update fine: apt-get source below says if Samba's is missing.
    apt-get update -qq >/dev/null 2>&1 ||
        log "warning: apt-get update reported errors (an archive without source packages?); trying anyway"
}

# Unpacks Debian's source of the installed Samba (with Debian's patches) into
# $1/tree.
debian_source() {
    local work=$1 src orig
    src=$(dpkg-query -W -f='${source:Package}=${source:Version}' samba)
    enable_deb_src
    if ! (cd "$work" && apt-get source --download-only -qq "$src") >"$work/source.log" 2>&1; then
        grep '^E:' "$work/source.log" >&2 || cat "$work/source.log" >&2
        orig=$(find "$work" -maxdepth 1 -name 'samba_*.orig.tar.*' ! -name '*.asc' | head -1)
        if [ -n "$orig" ] && [ -z "$(find "$work" -maxdepth 1 -name 'samba_*.dsc')" ]; then
            # The archive has the upstream tarball (apt fetched it and checked
            # it against the signed index) but not Debian's packaging (a
            # mirror lagging, or a superseded backport). Debian's patches
            # leave the VFS interface alone: the upstream headers do.
            log "warning: the archive lacks Debian's packaging of $src; using its upstream tarball ${orig##*/} without Debian's patches (they do not touch the VFS interface)"
            mkdir -p "$work/tree"
            tar -xf "$orig" -C "$work/tree" --strip-components=1 || die "cannot unpack ${orig##*/}"
            return 0
        fi
        REPO_BUNDLE=$(repo_bundle)
        [ -z "$REPO_BUNDLE" ] || return 0
        die "cannot download the source of the installed Samba ($src) from the archives in /etc/apt/sources.list*: if the archive no longer has it (superseded), upgrade samba and run this again, or set RVSS_SAMBA_SOURCE to a samba-X.Y.Z.tar.gz matching 'smbd -V'"
    fi
    (cd "$work" && dpkg-source -x samba_*.dsc tree) >>"$work/source.log" 2>&1 ||
        { tail -20 "$work/source.log" >&2; die "cannot unpack $src"; }
}

# The header bundle kept in the repository for the installed Samba's release
# series (samba-headers/4.25/ for 2:4.25.1+dfsg-1), if any.
repo_bundle() {
    local series
    series=$(installed_version samba | sed -n 's/^\([0-9]*:\)\?\([0-9]\+\.[0-9]\+\)\..*/\2/p')
    [ -n "$series" ] && [ -f "$TOP/samba-headers/$series/PROVENANCE" ] || return 0
    echo "$TOP/samba-headers/$series"
}

# Installs the repository's bundle $1 as the bundle $2 of package version $3.
install_repo_bundle() {
    local from=$1 bundle=$2 package_version=$3
    log "the archive has no source of samba $package_version: using the in-repository header bundle ${from#"$TOP"/} (Samba git commit $(sed -n 's/^commit: *//p' "$from/PROVENANCE"), VFS interface $(cat "$from/vfs-interface-version"))"
    rm -rf "$bundle"
    mkdir -p "$bundle"
    cp -R "$from/." "$bundle/"
    printf '%s\n' "$package_version" >"$bundle/package-version"
    gcc -fsyntax-only "${CFLAGS_SAMBA[@]}" $(include_flags "$bundle") "$WRAPPER" ||
        die "the header bundle ${from#"$TOP"/} does not compile the wrapper"
    touch "$bundle/.complete"
}

# --- Source tarball mode ----------------------------------------------------

# The smbd that will load the module, and its upstream version (4.17.12 from
# "Version 4.17.12-Debian").
find_smbd() {
    SMBD=$(command -v smbd || true)
    if [ -z "$SMBD" ]; then
        local s
        for s in /usr/sbin/smbd /usr/local/samba/sbin/smbd; do
            [ -x "$s" ] && SMBD=$s && break
        done
    fi
    [ -n "$SMBD" ] || die "RVSS_SAMBA_SOURCE builds headers for the installed smbd, but there is no smbd in PATH"
    SMBD_VERSION=$("$SMBD" -V 2>/dev/null | sed -n 's/^Version \([0-9]\+\.[0-9]\+\.[0-9]\+\(rc[0-9]\+\|pre[0-9]\+\)\?\).*/\1/p')
    [ -n "$SMBD_VERSION" ] || die "cannot read Samba's version from '$SMBD -V'"
}

# The upstream version a source tree's VERSION file describes.
tree_version() {
    sed -n 's/^SAMBA_VERSION_\(MAJOR\|MINOR\|RELEASE\|PRE_RELEASE\|RC_RELEASE\)=\(.*\)$/\1 \2/p' "$1" |
        awk '{ v[$1] = $2 } END {
            s = v["MAJOR"] "." v["MINOR"] "." v["RELEASE"]
            if (v["PRE_RELEASE"] != "") s = s "pre" v["PRE_RELEASE"]
            if (v["RC_RELEASE"] != "") s = s "rc" v["RC_RELEASE"]
            print s }'
}

# Checks what rvss needs (REQUIREMENTS); installs the missing ones
# with apt on Debian, otherwise names the packages to install and stops.
check_requirements() {
    local missing=() check deb fed suse arch ok
    while read -r check deb fed suse arch; do
        [ -n "$check" ] || continue
        case $check in
        cmd:*) command -v "${check#cmd:}" >/dev/null && ok=1 || ok=0 ;;
        perl:*) perl -M"${check#perl:}" -e 1 2>/dev/null && ok=1 || ok=0 ;;
        pc:*) pkg-config --exists "${check#pc:}" 2>/dev/null && ok=1 || ok=0 ;;
        h:*) printf '#include <%s>\n' "${check#h:}" | cpp >/dev/null 2>&1 && ok=1 || ok=0 ;;
        # Samba before 4.20 configures with a waf importing distutils,
        # which Python 3.12 dropped (and older Debian ships separately)
        py:*) python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null ||
            python3 -c "import ${check#py:}" 2>/dev/null && ok=1 || ok=0 ;;
        # cargo fetches crates over https
        ca:*) [ -e /etc/ssl/certs/ca-certificates.crt ] || [ -e /etc/pki/tls/certs/ca-bundle.crt ] ||
            [ -e /etc/ssl/ca-bundle.pem ] && ok=1 || ok=0 ;;
        lib:*) ldconfig -p 2>/dev/null | grep -q "${check#lib:}[-.0-9]*\.so" && ok=1 || ok=0 ;;
        tz:*) [ -e "/usr/share/zoneinfo/${check#tz:}" ] && ok=1 || ok=0 ;;
        esac
        [ $ok = 1 ] || missing+=("$check $deb $fed $suse $arch")
    done <<<"$REQUIREMENTS"
    [ ${#missing[@]} -eq 0 ] && return 0
    if is_debian; then
        apt_install $(printf '%s\n' "${missing[@]}" | awk '{ print $2 }' | sort -u)
        return 0
    fi
    log "rvss needs (missing: $(printf '%s\n' "${missing[@]}" | awk '{ print $1 }' | tr '\n' ' '))"
    log "  Fedora/RHEL: dnf install $(printf '%s\n' "${missing[@]}" | awk '{ print $3 }' | sort -u | tr '\n' ' ')"
    log "  openSUSE:    zypper install $(printf '%s\n' "${missing[@]}" | awk '{ print $4 }' | sort -u | tr '\n' ' ')"
    log "  Arch:        pacman -S --needed $(printf '%s\n' "${missing[@]}" | awk '{ print $5 }' | sort -u | tr '\n' ' ')"
    die "install the packages above, then run this again"
}

# configure options matching the running smbd's paths (smbd -b), so the tree
# is configured like the Samba the module will be loaded into.
smbd_path_options() {
    "$SMBD" -b 2>/dev/null | awk -F': *' '
        /^ *SBINDIR:/ { print "--sbindir=" $2 }
        /^ *BINDIR:/ { print "--bindir=" $2 }
        /^ *LIBDIR:/ { print "--libdir=" $2 }
        /^ *MODULESDIR:/ { print "--with-modulesdir=" $2 }
        /^ *LOCKDIR:/ { print "--with-lockdir=" $2 }
        /^ *STATEDIR:/ { print "--with-statedir=" $2 }
        /^ *CACHEDIR:/ { print "--with-cachedir=" $2 }
        /^ *PIDDIR:/ { print "--with-piddir=" $2 }
        /^ *PRIVATE_DIR:/ { print "--with-privatedir=" $2 }
        /^ *LOGFILEBASE:/ { print "--with-logfilebase=" $2 }
        /^ *CONFIGFILE:/ { sub("/[^/]*$", "", $2); print "--with-configdir=" $2 }'
}

tarball_source() {
    local work=$1
    [ -f "$SOURCE_TARBALL" ] || die "RVSS_SAMBA_SOURCE=$SOURCE_TARBALL: no such file"
    mkdir -p "$work/tree"
    tar -xf "$SOURCE_TARBALL" -C "$work/tree" --strip-components=1 ||
        die "cannot unpack $SOURCE_TARBALL"
    [ -f "$work/tree/VERSION" ] && [ -x "$work/tree/configure" ] ||
        die "$SOURCE_TARBALL does not look like a Samba source tarball (no VERSION/configure at its top)"
}

# --- Generating the headers -------------------------------------------------

python_bin() {
    # Samba's waf wants the system Python, not a pyenv shim first in PATH
    if [ -x /usr/bin/python3 ]; then echo /usr/bin/python3; else command -v python3; fi
}

configure_samba() {
    local tree=$1 python opts=() kept=() bad opt
    shift
    python=$(python_bin)
    opts=(--without-ad-dc --without-json --without-ldap --without-ads
        --without-pam --without-libarchive --without-acl-support
        --disable-python --without-systemd --without-gpgme --disable-cups
        --disable-iprint --disable-avahi --without-dmapi --without-fam
        --without-regedit --disable-glusterfs --disable-cephfs
        --disable-spotlight --without-libunwind --without-lttng
        --with-shared-modules='!vfs_snapper' --without-ldb-lmdb
        --without-libngtcp2 --without-quic --with-system-mitkrb5 "$@")
    # Options come and go between releases, and waf refuses unknown ones
    # (before it looks at --help): drop those this Samba does not know.
    while :; do
        bad=$({ (cd "$tree" && PYTHON=$python ./configure "${opts[@]}" --help) 2>&1 >/dev/null || true; } |
            sed -n -e 's/.*no such option: \(--[^ =]*\).*/\1/p' \
                -e "s/.*Unknown option: '\\(--[^'=]*\\).*/\\1/p" \
                -e 's/.*unrecognized arguments: \(--[^ =]*\).*/\1/p' | sed -n 1p)
        [ -n "$bad" ] || break
        echo "(this Samba's configure has no $bad)"
        kept=()
        for opt in "${opts[@]}"; do [ "${opt%%=*}" = "$bad" ] || kept+=("$opt"); done
        [ ${#kept[@]} -lt ${#opts[@]} ] || break
        opts=("${kept[@]}")
    done
    echo "configure ${opts[*]}"
    (cd "$tree" && PYTHON=$python ./configure "${opts[@]}")
}

include_flags() {
    local d
    for d in $INCLUDE_DIRS; do printf -- '-I%s/%s\n' "$1" "$d"; done
}

# The headers the wrapper includes that do not exist (yet), as spelt in the
# #include lines: gcc -MG lists them instead of failing.
missing_headers() {
    local tree=$1
    gcc -M -MG -MT x "${CFLAGS_SAMBA[@]}" $(include_flags "$tree") "$WRAPPER" |
        sed -e 's/\\$//' | tr ' ' '\n' | grep -v -e '^/' -e '^x:$' -e '^$' | sort -u || true
}

# The build targets generating the given headers (pidl IDL compilations,
# SAMBA_GENERATOR rules in wscript_build files).
targets_for() {
    local tree=$1
    shift
    "$(python_bin)" - "$tree" "$@" <<'PY'
import os, re, sys
tree, missing = sys.argv[1], sys.argv[2:]
idls, gens = set(), []
for d, dirs, files in os.walk(tree):
    dirs[:] = [x for x in dirs if x not in ('bin', '.git', 'debian')]
    for f in files:
        if f.endswith('.idl'):
            idls.add(f[:-4].lower())
        if f not in ('wscript_build', 'wscript'):
            continue
        text = open(os.path.join(d, f), errors='replace').read()
        for chunk in re.split(r'\bbld\.', text)[1:]:
            m = re.match(r"SAMBA_GENERATOR\(\s*['\"]([^'\"]+)['\"]", chunk)
            t = m and re.search(r"\btarget\s*=\s*('''(.*?)'''|\"\"\"(.*?)\"\"\"|'([^']*)'|\"([^\"]*)\")", chunk, re.S)
            if t:
                outs = next(g for g in t.groups()[1:] if g is not None).split()
                gens.append((m.group(1), os.path.relpath(d, tree), outs))
targets, unknown = set(), []
for h in missing:
    found = None
    m = re.match(r'(?:.*/)?gen_ndr/(?:ndr_)?(\w+?)(?:_[cs])?\.h$', h)
    if m and m.group(1).lower() in idls:
        found = 'PIDL_' + m.group(1).upper()
    for name, d, outs in ([] if found else gens):
        if any(os.path.normpath(os.path.join(d, o)).endswith('/' + h.lstrip('./'))
               or os.path.normpath(os.path.join(d, o)) == h
               or ('/' not in h and os.path.basename(o) == h) for o in outs):
            found = name
            break
    if found:
        targets.add(found)
    else:
        unknown.append(h)
if unknown:
    print(' '.join(unknown), file=sys.stderr)
    sys.exit(1)
print(','.join(sorted(targets)))
PY
}

waf_build() {
    local tree=$1 targets=$2
    (cd "$tree" && PYTHONHASHSEED=1 PYTHON=$(python_bin) buildtools/bin/waf build --targets="$targets")
}

# Builds the known header targets, then asks gcc which headers the wrapper
# still misses and builds their targets, until nothing is missing.
generate_headers() {
    local tree=$1 log=$2 round missing targets known=()
    local t
    for t in ${KNOWN_TARGETS//,/ }; do
        # a target a newer Samba renamed or dropped would stop waf
        case $t in
        PIDL_*) find "$tree" -path "$tree/bin" -prune -o -iname "${t#PIDL_}.idl" -print | grep -q . && known+=("$t") ;;
        *) grep -rqs --include=wscript_build --include=wscript -e "'$t'" -e "\"$t\"" "$tree" && known+=("$t") ;;
        esac
    done
    targets=$(IFS=,; echo "${known[*]}")
    for round in 1 2 3 4 5 6 7 8; do
        if [ -n "$targets" ]; then
            echo "== round $round: waf build --targets=$targets" >>"$log"
            waf_build "$tree" "$targets" >>"$log" 2>&1 || return 1
        fi
        mapfile -t missing < <(missing_headers "$tree")
        [ ${#missing[@]} -eq 0 ] && return 0
        echo "== missing after round $round: ${missing[*]}" >>"$log"
        targets=$(targets_for "$tree" "${missing[@]}" 2>>"$log") || {
            log "no Samba build target generates: $(tail -1 "$log")"
            log "(if that is a system header, install its development package)"
            return 1
        }
    done
    log "still missing after $round rounds: ${missing[*]}"
    return 1
}

# Copies exactly the files the module's wrapper header pulls in, keeping their
# paths relative to the tree, so the bundle builds like the configured tree.
make_bundle() {
    local tree=$1 bundle=$2 d
    gcc -M -MT x "${CFLAGS_SAMBA[@]}" $(include_flags "$tree") "$WRAPPER" |
        sed -e 's/\\$//' | tr ' ' '\n' | grep "^$tree/" |
        xargs realpath -ms --relative-to="$tree" | sort -u >"$bundle.files"
    mkdir -p "$bundle"
    (cd "$tree" && xargs -a "$bundle.files" cp --parents -t "$bundle")
    for d in $INCLUDE_DIRS; do mkdir -p "$bundle/$d"; done
    printf '%s\n' $INCLUDE_DIRS >"$bundle/include-dirs"
    printf '%s\n' "${CFLAGS_SAMBA[@]}" >"$bundle/cflags"
    rm -f "$bundle.files"
    # the bundle alone must do: no path back into the tree
    gcc -fsyntax-only "${CFLAGS_SAMBA[@]}" $(include_flags "$bundle") "$WRAPPER" ||
        die "the header bundle in $bundle does not compile the wrapper on its own"
}

prepare_headers() {
    local key=$1 package_version=$2 bundle work
    bundle="$CACHE_ROOT/samba-headers/$key"
    local start=$SECONDS
    log "preparing the Samba headers in $bundle (one to two minutes, once per Samba version)"
    work=$(mktemp -d "$CACHE_ROOT/build.XXXXXX")
    WORK=$work
    trap 'rm -rf "$WORK"' EXIT
    if [ -n "$SOURCE_TARBALL" ]; then
        tarball_source "$work"
        local tv
        tv=$(tree_version "$work/tree/VERSION")
        [ "$tv" = "$SMBD_VERSION" ] ||
            die "$SOURCE_TARBALL is Samba $tv, but the installed smbd ($SMBD) is $SMBD_VERSION: the VFS interface is version-locked, use the $SMBD_VERSION source"
        mapfile -t path_opts < <(smbd_path_options)
    else
        REPO_BUNDLE=
        debian_source "$work"
        path_opts=()
        if [ -n "$REPO_BUNDLE" ]; then
            install_repo_bundle "$REPO_BUNDLE" "$bundle" "$package_version"
            log "Samba headers ready in $((SECONDS - start)) s: $bundle"
            return 0
        fi
    fi
    local logf=$CACHE_ROOT/samba-headers/$key.log
    rm -f "$logf"
    mkdir -p "$CACHE_ROOT/samba-headers"
    configure_samba "$work/tree" "${path_opts[@]}" >"$logf" 2>&1 ||
        { tail -25 "$logf" >&2; die "configuring Samba failed; the whole log is $logf"; }
    generate_headers "$work/tree" "$logf" ||
        { tail -25 "$logf" >&2; die "generating Samba's headers failed; the whole log is $logf"; }
    rm -rf "$bundle"
    make_bundle "$work/tree" "$bundle"
    # the exact package version, for the Debian package's Depends (empty
    # when Samba is not Debian's package)
    printf '%s\n' "$package_version" >"$bundle/package-version"
    [ -n "$SOURCE_TARBALL" ] && { "$SMBD" -b | sed -n 's/^ *MODULESDIR: *//p' >"$bundle/modulesdir"; }
    grep -h 'define SMB_VFS_INTERFACE_VERSION' "$work/tree/source3/include/vfs.h" |
        awk '{ print $3 }' >"$bundle/vfs-interface-version"
    # which build targets produced the generated headers (for the curious)
    sed -n 's/^== round [0-9]*: waf build --targets=//p' "$logf" | tr ',' '\n' >"$bundle/generated-targets"
    touch "$bundle/.complete"
    rm -f "$logf"
    log "Samba headers ready in $((SECONDS - start)) s: $bundle"
}

main() {
    mkdir -p "$CACHE_ROOT/samba-headers"
    # one preparation at a time (parallel make, two shells)
    if command -v flock >/dev/null; then
        exec 9>"$CACHE_ROOT/.deps.lock"
        flock 9
    fi
    local key package_version
    if [ -n "$SOURCE_TARBALL" ]; then
        find_smbd
        key=upstream-$SMBD_VERSION
        package_version=
        check_requirements
        bundle_fits "$key" && return 0
        local t
        for t in smbclient smbtorture rpcclient; do
            command -v "$t" >/dev/null || log "note: $t is missing (the end-to-end tests need it, from the same Samba build as smbd)"
        done
    else
        is_debian || die "not a Debian system: set RVSS_SAMBA_SOURCE to the source tarball of the installed Samba (smbd -V); see README"
        install_debian_packages
        package_version=$(installed_version samba)
        [ -n "$package_version" ] || die "samba is still not installed"
        key=$package_version
        bundle_fits "$key" && return 0
    fi
    prepare_headers "$key" "$package_version"
}

# Whether the bundle for KEY is complete and still compiles the wrapper: a
# bundle made before samba-module/samba.h included more of Samba's headers
# lacks them, and is prepared again rather than failing the build.
bundle_fits() {
    local bundle=$CACHE_ROOT/samba-headers/$1
    [ -f "$bundle/.complete" ] || return 1
    if ! gcc -fsyntax-only "${CFLAGS_SAMBA[@]}" $(include_flags "$bundle") "$WRAPPER" 2>/dev/null; then
        log "the header bundle in $bundle lacks what samba-module/samba.h now includes; preparing it again"
        return 1
    fi
}

# (sourcing the script defines the functions only, for tests)
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
