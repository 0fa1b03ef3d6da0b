//! Generates the two foreign ABIs rvss speaks, from the real headers:
//! Samba's VFS interface (from the header bundle `make deps` prepares for the
//! exact installed Samba) and the btrfs ioctl structures (`linux/btrfs.h`).
//! Compiles the C shim and links it into the Samba module (the cdylib) only:
//! the CLI and the tests never see Samba's symbols.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const CACHE_ROOT: &str = "/var/cache/rvss/samba-headers";

fn main() {
    println!("cargo:rerun-if-changed=samba-module");
    println!("cargo:rerun-if-changed=include/rvss.h");
    println!("cargo:rerun-if-env-changed=RVSS_SAMBA_HEADERS");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let bundle = find_samba_headers();
    let include_dirs: Vec<PathBuf> = read_lines(&bundle.join("include-dirs"))
        .iter()
        .map(|d| bundle.join(d))
        .collect();
    let cflags = read_lines(&bundle.join("cflags"));

    generate_samba_abi(&include_dirs, &cflags, &out);
    generate_btrfs_abi(&out);
    generate_c_api(&out);
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
    let version = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "samba"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    if version.is_empty() {
        fail("Samba is not installed (dpkg-query -W samba found nothing); run `make deps`");
    }
    let dir = Path::new(CACHE_ROOT).join(&version);
    println!("cargo:rerun-if-changed={}", dir.join(".complete").display());
    if !dir.join(".complete").exists() {
        fail(&format!(
            "the Samba {version} headers are missing (looked in {}); run `make deps` to prepare them",
            dir.display()
        ));
    }
    dir
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

fn generate_btrfs_abi(out: &Path) {
    let bindings = bindgen::Builder::default()
        .header_contents("btrfs_wrapper.h", "#include <linux/btrfs.h>\n")
        .allowlist_type("btrfs_ioctl_vol_args")
        .allowlist_type("btrfs_ioctl_vol_args_v2")
        .allowlist_type("btrfs_ioctl_get_subvol_info_args")
        .allowlist_var("BTRFS_IOCTL_MAGIC")
        .allowlist_var("BTRFS_SUBVOL_RDONLY")
        .allowlist_var("BTRFS_SUBVOL_NAME_MAX")
        .allowlist_var("BTRFS_PATH_NAME_MAX")
        .derive_default(true)
        .layout_tests(true)
        .generate_comments(false)
        .generate()
        .unwrap_or_else(|e| fail(&format!("bindgen over linux/btrfs.h failed: {e}")));
    bindings
        .write_to_file(out.join("btrfs_abi.rs"))
        .unwrap_or_else(|e| fail(&format!("cannot write btrfs_abi.rs: {e}")));
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
