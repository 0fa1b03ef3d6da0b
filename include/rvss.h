/*
 * rvss: the C boundary between Samba and the Rust core.
 *
 * The shim (samba-module/vfs_rvss.c) adapts Samba's hook calling conventions
 * (handles, talloc strings, become_root, parametric options, the state
 * directory) to the rvss_*
 * functions below, which the Rust core exports. The rvss_shim_* functions go
 * the other way: Rust calls them for what only Samba's macros can do.
 *
 * Return values of the rvss_* functions are NTSTATUS codes (0 = success).
 */
#ifndef RVSS_H
#define RVSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Output buffers hold a path of up to PATH_MAX bytes plus the NUL. */
#define RVSS_PATH_BUF 4097

/* Looks up the share option `rvss:<name>`; NULL when it is not set. */
typedef const char *(*rvss_option_fn)(void *ctx, const char *name);

/* The share a hook runs for. */
struct rvss_share {
	const char *name;      /* share name, for log lines and the catalog */
	/* The path the hook is about, as Samba's FSRVP server passes it: for
	 * snap_check_path the share's configured path (lp_path), for
	 * snap_create and snap_delete the base volume snap_check_path
	 * returned (Samba hands that back, not the configured path). */
	const char *path;
	void *ctx;             /* handed back to option() */
	rvss_option_fn option; /* may be NULL: every option takes its default */
	/* Samba's state directory as this process uses it
	 * (lp_state_directory(): smb.conf's `state directory`, else Samba's
	 * built-in STATEDIR), where rvss lists the snapshot directories it has
	 * used. NULL: the one passed last in this process, else /var/lib/samba. */
	const char *state_dir;
	/* Samba's lock directory as this process uses it (lp_lock_directory()),
	 * where its FSRVP server keeps its state (srv_fss.tdb), which the audit
	 * trail reads set and shadow copy ids from. NULL: as for state_dir,
	 * else /run/samba. */
	const char *lock_dir;
	/* Who asked, for the audit trail: the uid Samba switched to for the
	 * FSRVP caller's session before calling the hook (the user as Samba
	 * maps it, winbind's included); -1: unknown. */
	int64_t uid;
};

/* snap_check_path: is the share snapshottable? On success base_volume names
 * the shadow copy's source (unique per share, so that one set can hold
 * several shares of one subvolume). */
uint32_t rvss_check_path(const struct rvss_share *share,
			 char *base_volume, size_t base_volume_len);

/* snap_create: snapshot base_volume (btrfs: its subvolume; CephFS: the
 * directory). *tstamp (seconds since the Unix epoch, int64_t whatever the
 * platform's time_t) comes in as the time Samba added the share to the set,
 * which rvss ignores (up to 30 minutes before the commit), and goes out as
 * the time the snapshot was taken, its @GMT label. base_path is base_volume;
 * snap_path is the share's directory inside the snapshot. */
uint32_t rvss_snap_create(const struct rvss_share *share,
			  const char *base_volume, int64_t *tstamp, bool rw,
			  char *base_path, size_t base_path_len,
			  char *snap_path, size_t snap_path_len);

/* snap_delete: destroy the snapshot behind snap_path (or keep it as a
 * backup under the share's retention policy), if rvss created it; base_path
 * is the base volume. */
uint32_t rvss_snap_delete(const struct rvss_share *share,
			  const char *base_path, const char *snap_path);

/* Implemented by the shim, called by Rust. */
void rvss_shim_log(int level, const char *msg);
/* Samba's current debug level for the rvss class (smbcontrol can change it). */
int rvss_shim_debug_level(void);
const char *rvss_shim_samba_version(void);
uint32_t rvss_shim_register(void);

#endif /* RVSS_H */
