/*
   Unix SMB/CIFS implementation.

   SMB and SMB2 common header

   Copyright (C) Stefan Metzmacher 2009

   This program is free software; you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation; either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <http://www.gnu.org/licenses/>.
*/

#ifndef __LIBCLI_SMB_SMB_COMMON_H__
#define __LIBCLI_SMB_SMB_COMMON_H__

#include "libcli/smb/smb_constants.h"
#include "libcli/smb/smb2_constants.h"
#include "libcli/smb/smb2_create_blob.h"
#include "libcli/smb/smb2_lease.h"
#include "libcli/smb/smb2_lock.h"
#include "libcli/smb/smb2_signing.h"
#include "libcli/smb/smb_util.h"
#include "libcli/smb/smb_unix_ext.h"

#endif
