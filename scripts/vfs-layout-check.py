#!/usr/bin/env python3
"""Checks a Samba header bundle's struct vfs_fn_pointers against the VFS
modules of a Samba binary package (what smb_register_vfs's interface number
alone cannot tell: fields added or moved under the same number).

    scripts/vfs-layout-check.py BUNDLE VFS_MODULES_DIR GIT_DIR COMMIT

For every module in VFS_MODULES_DIR (e.g. /usr/lib/x86_64-linux-gnu/samba/vfs
of samba-vfs-modules), the table it registers (the address smb_register_vfs
is given) must have non-null slots exactly at the offsets, per the bundle's
vfs.h, of the fields the module's source at COMMIT sets. Prints the interface
number each module registers with, one line per module, and a summary; exits
1 on any difference. Needs gcc, objdump, readelf (x86-64) and git."""
import os, re, subprocess, sys, tempfile

bundle, vfsdir, git, commit = sys.argv[1:5]


def sh(*a):
    return subprocess.run(a, capture_output=True, text=True, check=True).stdout


vfs_h = open(os.path.join(bundle, "source3/include/vfs.h")).read()
body = re.search(r"^struct vfs_fn_pointers \{(.*?)^\};", vfs_h, re.S | re.M).group(1)
fields = re.findall(r"\(\*(\w+)\)", body)
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "off.c")
    with open(src, "w") as f:
        f.write('#include "includes.h"\n#include "smbd/smbd.h"\n#include <stdio.h>\n#include <stddef.h>\n')
        f.write('int main(void) { printf("%zu\\n", sizeof(struct vfs_fn_pointers));\n')
        for x in fields:
            f.write(f'printf("%zu\\n", offsetof(struct vfs_fn_pointers, {x}));\n')
        f.write("return 0; }\n")
    flags = open(os.path.join(bundle, "cflags")).read().split()
    incs = ["-I" + os.path.join(bundle, d) for d in open(os.path.join(bundle, "include-dirs")).read().split()]
    sh("gcc", *flags, *incs, src, "-o", os.path.join(tmp, "off"))
    nums = [int(x) for x in sh(os.path.join(tmp, "off")).split()]
size, offs = nums[0], dict(zip(fields, nums[1:]))
byoff = {v: k for k, v in offs.items()}
interface = re.search(r"#define SMB_VFS_INTERFACE_VERSION (\d+)", vfs_h).group(1)
print(f"bundle: SMB_VFS_INTERFACE_VERSION {interface}, struct vfs_fn_pointers {size} bytes ({len(fields)} pointers)")

same = different = 0
for so in sorted(os.listdir(vfsdir)):
    if not so.endswith(".so"):
        continue
    name, path = so[:-3], os.path.join(vfsdir, so)
    dis = sh("objdump", "-d", "--no-show-raw-insn", path).splitlines()
    calls = []  # (interface, table address) per smb_register_vfs call
    for i, l in enumerate(dis):
        if "<smb_register_vfs@plt>" in l and re.search(r"\b(call|jmp)\b", l):
            tbl = ver = None
            for j in range(i - 1, max(i - 12, 0), -1):
                m = re.search(r"lea\s+-?0x[0-9a-f]+\(%rip\),%rdx\s+# ([0-9a-f]+)", dis[j])
                tbl = tbl or (m and int(m.group(1), 16))
                m = re.search(r"mov\s+\$0x([0-9a-f]+),%edi", dis[j])
                ver = ver or (m and int(m.group(1), 16))
            calls.append((ver, tbl))
    if len(calls) != 1 or None in calls[0]:
        print(f"{name}: {len(calls)} registrations not read, skipped")
        continue
    ver, tbl = calls[0]
    slots = set()
    for l in sh("readelf", "-rW", path).splitlines():
        p = l.split()
        if p and re.fullmatch(r"[0-9a-f]{16}", p[0]) and 0 <= int(p[0], 16) - tbl <= size:
            slots.add(int(p[0], 16) - tbl)
    # a table whose every slot is set, and one more right after it: the
    # binary's struct is longer than the bundle's
    if len(slots) == len(fields) + 1 and size in slots:
        byoff[size] = "(a slot past the bundle's struct)"
    else:
        slots.discard(size)
    try:
        text = sh("git", "--git-dir", git, "show", f"{commit}:source3/modules/vfs_{name}.c")
    except subprocess.CalledProcessError:
        print(f"{name}: interface {ver}; no source3/modules/vfs_{name}.c at {commit[:12]}, skipped")
        continue
    m = re.search(r"static\s+struct\s+vfs_fn_pointers\s+\w+\s*=\s*\{(.*?)\n\};", text, re.S)
    if not m:
        print(f"{name}: interface {ver}; no table in its source, skipped")
        continue
    set_fields = re.findall(r"\.(\w+)\s*=", re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S))
    want = {offs.get(x, -1) for x in set_fields}
    ok = want == slots and str(ver) == interface
    same += ok
    different += not ok
    line = f"{name}: interface {ver}, {len(slots)} slots set, source sets {len(set_fields)} fields: {'same' if ok else 'DIFFERENT'}"
    if not ok:
        line += (f" (only in the source: {sorted(byoff.get(o, '?') for o in want - slots)};"
                 f" only in the binary: {sorted(byoff[o] for o in slots - want)})")
    print(line)
print(f"{same} modules as the bundle says, {different} different")
sys.exit(1 if different else 0)
