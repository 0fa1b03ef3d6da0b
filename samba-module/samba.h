/* The Samba headers rvss is built against: the VFS ABI for bindgen and the
 * shim. They come from the header bundle `make deps` prepares for the exact
 * installed Samba (the VFS interface is version-locked). */
#include "includes.h"
#include "smbd/smbd.h"
#include "version.h"
