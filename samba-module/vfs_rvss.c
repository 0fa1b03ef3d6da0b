/*
 * vfs_rvss: the C side of the rvss Samba module.
 *
 * Only what needs Samba's macros lives here: the three FSRVP snapshot hooks
 * adapt handles, talloc strings and become_root() to the Rust core's C API
 * (include/rvss.h); logging goes through DEBUGC with an `rvss` debug class,
 * whose current level Rust reads at each hook so as to format only the
 * lines Samba prints.
 * samba_init_module itself is in Rust (src/ffi/module.rs): it checks the
 * Samba version, then calls rvss_shim_register().
 */

#include "includes.h"
#include "smbd/smbd.h"
#include "rvss.h"

static int rvss_dbgc = DBGC_VFS;

void rvss_shim_log(int level, const char *msg)
{
	DEBUGC(rvss_dbgc, level, ("rvss: %s\n", msg));
}

int rvss_shim_debug_level(void)
{
	return debuglevel_get_class(rvss_dbgc);
}

const char *rvss_shim_samba_version(void)
{
	return samba_version_string();
}

static const char *rvss_option(void *ctx, const char *name)
{
	struct vfs_handle_struct *handle = ctx;

	return lp_parm_const_string(SNUM(handle->conn), "rvss", name, NULL);
}

static struct rvss_share rvss_share_of(struct vfs_handle_struct *handle,
				       const char *path)
{
	struct rvss_share share = {
		.name = lp_const_servicename(SNUM(handle->conn)),
		.path = path,
		.ctx = handle,
		.option = rvss_option,
		.state_dir = lp_state_directory(),
		.lock_dir = lp_lock_directory(),
		/* FSRVP's server runs each hook as the caller's user
		 * (become_user_without_service_by_session), until the hook's
		 * own become_root(). */
		.uid = (int64_t)geteuid(),
	};
	return share;
}

static NTSTATUS rvss_strdup(TALLOC_CTX *mem_ctx, const char *s, char **out)
{
	*out = talloc_strdup(mem_ctx, s);
	return *out == NULL ? NT_STATUS_NO_MEMORY : NT_STATUS_OK;
}

static NTSTATUS rvss_snap_check_path_fn(struct vfs_handle_struct *handle,
					TALLOC_CTX *mem_ctx,
					const char *service_path,
					char **base_volume)
{
	char buf[RVSS_PATH_BUF];
	struct rvss_share share = rvss_share_of(handle, service_path);
	uint32_t status;

	become_root();
	status = rvss_check_path(&share, buf, sizeof(buf));
	unbecome_root();
	if (status != 0) {
		return NT_STATUS(status);
	}
	return rvss_strdup(mem_ctx, buf, base_volume);
}

static NTSTATUS rvss_snap_create_fn(struct vfs_handle_struct *handle,
				    TALLOC_CTX *mem_ctx,
				    const char *base_volume,
				    time_t *tstamp,
				    bool rw,
				    char **base_path,
				    char **snap_path)
{
	char base[RVSS_PATH_BUF], snap[RVSS_PATH_BUF];
	struct rvss_share share = rvss_share_of(handle, base_volume);
	int64_t t = *tstamp;
	uint32_t status;
	NTSTATUS st;

	become_root();
	status = rvss_snap_create(&share, base_volume, &t, rw,
				  base, sizeof(base), snap, sizeof(snap));
	unbecome_root();
	if (status != 0) {
		return NT_STATUS(status);
	}
	*tstamp = (time_t)t;
	st = rvss_strdup(mem_ctx, base, base_path);
	if (!NT_STATUS_IS_OK(st)) {
		return st;
	}
	return rvss_strdup(mem_ctx, snap, snap_path);
}

static NTSTATUS rvss_snap_delete_fn(struct vfs_handle_struct *handle,
				    TALLOC_CTX *mem_ctx,
				    char *base_path,
				    char *snap_path)
{
	struct rvss_share share = rvss_share_of(handle, base_path);
	uint32_t status;

	become_root();
	status = rvss_snap_delete(&share, base_path, snap_path);
	unbecome_root();
	return NT_STATUS(status);
}

/*
 * The hooks above are written for the signatures of Samba's headers; if a
 * Samba release changes one, the build stops here with the hook's name
 * rather than producing a module that smbd would call with the wrong
 * arguments.
 */
#define RVSS_HOOK_MATCHES(field, fn)                                          \
	_Static_assert(__builtin_types_compatible_p(                          \
			       __typeof__(((struct vfs_fn_pointers *)0)->field), \
			       __typeof__(&fn)),                              \
		       "this Samba changed the signature of " #field          \
		       ": samba-module/vfs_rvss.c must be adapted to it")
RVSS_HOOK_MATCHES(snap_check_path_fn, rvss_snap_check_path_fn);
RVSS_HOOK_MATCHES(snap_create_fn, rvss_snap_create_fn);
RVSS_HOOK_MATCHES(snap_delete_fn, rvss_snap_delete_fn);

static struct vfs_fn_pointers rvss_fns = {
	.snap_check_path_fn = rvss_snap_check_path_fn,
	.snap_create_fn = rvss_snap_create_fn,
	.snap_delete_fn = rvss_snap_delete_fn,
};

uint32_t rvss_shim_register(void)
{
	int cls = debug_add_class("rvss");

	if (cls != -1) {
		rvss_dbgc = cls;
	}
	return NT_STATUS_V(smb_register_vfs(SMB_VFS_INTERFACE_VERSION, "rvss",
					    &rvss_fns));
}
