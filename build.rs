//! The module package's build: generates Samba's VFS ABI from the header
//! bundle `make deps` prepares for the exact installed Samba (and the types
//! of rvss's own C API, include/rvss.h), records which Samba the module is
//! built for, and compiles the C shim into the module (the cdylib). Only
//! this package needs the bundle and libclang: the core (core/) and the CLI
//! (cli/) build without them.

use std::env;
use std::path::{Path, PathBuf};

// The core's package queries, shared rather than repeated (std only).
#[allow(dead_code)]
#[path = "core/src/admin/dpkg.rs"]
mod dpkg;
#[allow(dead_code)]
#[path = "core/src/admin/process.rs"]
mod process;

const CACHE_ROOT: &str = "/var/cache/rvss/samba-headers";

fn main() {
    println!("cargo:rerun-if-changed=samba-module");
    println!("cargo:rerun-if-changed=include/rvss.h");
    println!("cargo:rerun-if-env-changed=RVSS_SAMBA_HEADERS");
    println!("cargo:rerun-if-env-changed=RVSS_FAKE_SAMBA_VERSION");
    println!("cargo:rerun-if-env-changed=RVSS_SAMBA_SOURCE");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let bundle = find_samba_headers();
    let include_dirs: Vec<PathBuf> = read_lines(&bundle.join("include-dirs"))
        .iter()
        .map(|d| bundle.join(d))
        .collect();
    let cflags = read_lines(&bundle.join("cflags"));

    generate_samba_abi(&include_dirs, &cflags, &out);
    generate_c_api(&out);
    generate_build_info(&bundle, &include_dirs, &out);
    compile_shim(&include_dirs, &cflags, &out);
}

/// The bundle for the installed Samba, or a build failure that says what to do.
fn find_samba_headers() -> PathBuf {
    if let Ok(dir) = env::var("RVSS_SAMBA_HEADERS") {
        let dir = PathBuf::from(dir);
        if dir.join(".complete").exists() {
            return dir;
        }
        fail(&format!(
            "RVSS_SAMBA_HEADERS={} is not a complete Samba header bundle; run `make deps`",
            dir.display()
        ));
    }
    // Debian: keyed by the samba package's version. From an upstream
    // tarball (RVSS_SAMBA_SOURCE, or no dpkg): by `smbd -V`, as deps.sh does.
    let from_tarball = env::var("RVSS_SAMBA_SOURCE").is_ok_and(|s| !s.is_empty());
    let debian = (!from_tarball)
        .then(|| dpkg::installed_version("samba"))
        .flatten();
    let version = match debian {
        Some(v) => v,
        None => match process::stdout("smbd", &["-V"])
            .ok()
            .and_then(|v| upstream_version(&v))
        {
            Some(v) => format!("upstream-{v}"),
            None => fail(
                "no Samba found (neither dpkg-query -W samba nor smbd -V answered); run `make deps`",
            ),
        },
    };
    let dir = Path::new(CACHE_ROOT).join(&version);
    println!("cargo:rerun-if-changed={}", dir.join(".complete").display());
    // A Samba upgrade rewrites this file: rebuild against the new Samba's
    // headers (or fail, telling to run `make deps`) instead of keeping a
    // module built for the old one.
    let dpkg_list = Path::new("/var/lib/dpkg/info/samba.list");
    if dpkg_list.exists() {
        println!("cargo:rerun-if-changed={}", dpkg_list.display());
    }
    if !dir.join(".complete").exists() {
        fail(&format!(
            "the Samba {version} headers are missing (looked in {}); run `make deps` to prepare them",
            dir.display()
        ));
    }
    dir
}

/// "Version 4.22.6-Debian..." -> "4.22.6" (the key deps.sh gives bundles
/// made from an upstream tarball).
fn upstream_version(smbd_v: &str) -> Option<String> {
    let rest = smbd_v.trim().strip_prefix("Version ")?;
    let v: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    (v.split('.').count() >= 3).then_some(v)
}

fn fail(msg: &str) -> ! {
    eprintln!("\nerror: {msg}\n");
    panic!("{msg}");
}

fn read_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| {
            fail(&format!(
                "cannot read {}: {e}; run `make deps`",
                path.display()
            ))
        })
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn clang_args(include_dirs: &[PathBuf], cflags: &[String]) -> Vec<String> {
    let mut args: Vec<String> = cflags.to_vec();
    args.extend(include_dirs.iter().map(|d| format!("-I{}", d.display())));
    args
}

fn generate_samba_abi(include_dirs: &[PathBuf], cflags: &[String], out: &Path) {
    let bindings = bindgen::Builder::default()
        .header("samba-module/samba.h")
        .clang_args(clang_args(include_dirs, cflags))
        .allowlist_type("vfs_fn_pointers")
        .allowlist_type("vfs_handle_struct")
        .allowlist_type("connection_struct")
        .allowlist_type("NTSTATUS")
        .allowlist_var("SMB_VFS_INTERFACE_VERSION")
        .allowlist_var("SAMBA_VERSION_MAJOR")
        .allowlist_var("SAMBA_VERSION_MINOR")
        .allowlist_var("SAMBA_VERSION_RELEASE")
        .derive_default(true)
        .layout_tests(true)
        .generate_comments(false)
        .generate()
        .unwrap_or_else(|e| fail(&format!("bindgen over Samba's headers failed: {e}")));
    bindings
        .write_to_file(out.join("samba_abi.rs"))
        .unwrap_or_else(|e| fail(&format!("cannot write samba_abi.rs: {e}")));
}

/// The types of rvss's own C API (include/rvss.h), so that Rust and the
/// shim cannot disagree about them.
fn generate_c_api(out: &Path) {
    let bindings = bindgen::Builder::default()
        .header("include/rvss.h")
        .allowlist_type("rvss_share")
        .allowlist_function("rvss_shim_.*")
        .allowlist_var("RVSS_PATH_BUF")
        .layout_tests(true)
        .generate_comments(false)
        .generate()
        .unwrap_or_else(|e| fail(&format!("bindgen over include/rvss.h failed: {e}")));
    bindings
        .write_to_file(out.join("rvss_api.rs"))
        .unwrap_or_else(|e| fail(&format!("cannot write rvss_api.rs: {e}")));
}

/// The shim is linked whole into the cdylib only; it references Samba's
/// symbols, which resolve from smbd when the module is loaded.
fn compile_shim(include_dirs: &[PathBuf], cflags: &[String], out: &Path) {
    let mut build = cc::Build::new();
    build
        .file("samba-module/vfs_rvss.c")
        .include("include")
        .includes(include_dirs)
        .flag_if_supported("-Wno-unused-parameter")
        .warnings(true)
        .cargo_metadata(false);
    for f in cflags {
        build.flag(f);
    }
    build.compile("rvss_shim");
    let lib = out.join("librvss_shim.a");
    println!(
        "cargo:rustc-cdylib-link-arg=-Wl,--whole-archive,{},--no-whole-archive",
        lib.display()
    );
}

/// What the module records about the Samba it was built for: the upstream
/// version (from the bundle's version.h; samba_init_module compares it with
/// the running Samba) and the Debian package version (the bundle's name; the
/// package's exact `Depends: samba (= ...)`). Both also go into an exported
/// marker string that `rvss doctor` and scripts/deb.sh read from the .so.
///
/// RVSS_FAKE_SAMBA_VERSION (tests only) replaces the upstream version, to
/// produce a module that a real Samba must refuse.
fn generate_build_info(bundle: &Path, include_dirs: &[PathBuf], out: &Path) {
    let real = samba_version_from_headers(include_dirs);
    let fake = env::var("RVSS_FAKE_SAMBA_VERSION")
        .ok()
        .filter(|v| !v.trim().is_empty());
    if let Some(v) = &fake {
        if !v.chars().all(|c| c.is_ascii_digit() || c == '.') {
            fail(&format!(
                "RVSS_FAKE_SAMBA_VERSION={v:?} is not a version like 4.16.0"
            ));
        }
        println!("cargo:warning=building a module that claims Samba {v} (RVSS_FAKE_SAMBA_VERSION): for tests only");
    }
    let version = fake.clone().unwrap_or(real);
    let interface = vfs_interface_from_headers(include_dirs);
    let package = std::fs::read_to_string(bundle.join("package-version"))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            bundle
                .parent()
                .filter(|p| *p == Path::new(CACHE_ROOT))
                .and_then(|_| bundle.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                // bundles made from an upstream tarball have no package
                .filter(|n| !n.starts_with("upstream-"))
        })
        .unwrap_or_default();
    if package
        .chars()
        .any(|c| !c.is_ascii() || c.is_whitespace() || c.is_control() || c == '"' || c == '\\')
    {
        fail(&format!("unexpected Samba package version {package:?}"));
    }
    let marker =
        format!("{MARKER_PREFIX}version={version} interface={interface} package={package}\0");
    let code = format!(
        "/// Upstream version of the Samba rvss was built for.\n\
         pub const SAMBA_VERSION: &str = {version:?};\n\
         /// SMB_VFS_INTERFACE_VERSION of the headers the shim was compiled with.\n\
         pub const VFS_INTERFACE_VERSION: u32 = {interface};\n\
         /// Debian version of that Samba's package (empty when unknown).\n\
         pub const SAMBA_PACKAGE_VERSION: &str = {package:?};\n\
         /// Whether SAMBA_VERSION was faked with RVSS_FAKE_SAMBA_VERSION.\n\
         pub const SAMBA_VERSION_FAKED: bool = {faked};\n\
         /// The marker exported from the module (NUL-terminated).\n\
         pub const MARKER: [u8; {len}] = *b{marker:?};\n",
        faked = fake.is_some(),
        len = marker.len(),
    );
    std::fs::write(out.join("build_info.rs"), code)
        .unwrap_or_else(|e| fail(&format!("cannot write build_info.rs: {e}")));
}

/// SMB_VFS_INTERFACE_VERSION from source3/include/vfs.h (bindgen's copy is
/// for the Rust side; the marker is written before that is compiled).
fn vfs_interface_from_headers(include_dirs: &[PathBuf]) -> u32 {
    let Some(text) = include_dirs
        .iter()
        .find_map(|d| std::fs::read_to_string(d.join("vfs.h")).ok())
    else {
        fail("the Samba header bundle has no vfs.h; run `make deps`");
    };
    text.lines()
        .find_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("#define") && w.next() == Some("SMB_VFS_INTERFACE_VERSION"))
                .then(|| w.next().and_then(|v| v.parse().ok()))
                .flatten()
        })
        .unwrap_or_else(|| fail("vfs.h does not define SMB_VFS_INTERFACE_VERSION as a number"))
}

/// Must match `samba::MARKER_PREFIX`.
const MARKER_PREFIX: &str = "RVSS-BUILT-FOR-SAMBA ";

fn samba_version_from_headers(include_dirs: &[PathBuf]) -> String {
    let Some(text) = include_dirs
        .iter()
        .find_map(|d| std::fs::read_to_string(d.join("version.h")).ok())
    else {
        fail("the Samba header bundle has no version.h; run `make deps`");
    };
    let get = |name: &str| -> String {
        text.lines()
            .find_map(|l| {
                let mut w = l.split_whitespace();
                (w.next() == Some("#define") && w.next() == Some(name))
                    .then(|| w.next().map(str::to_string))
                    .flatten()
            })
            .unwrap_or_else(|| fail(&format!("version.h does not define {name}")))
    };
    format!(
        "{}.{}.{}",
        get("SAMBA_VERSION_MAJOR"),
        get("SAMBA_VERSION_MINOR"),
        get("SAMBA_VERSION_RELEASE")
    )
}
