/* WARNING! All changes made to this file will be lost! */

#ifndef W_DEFAULT_INCLUDE_CONFIG_H_WAF
#define W_DEFAULT_INCLUDE_CONFIG_H_WAF

#define CONFIG_H_IS_FROM_SAMBA 1
#define _SAMBA_BUILD_ 4
#define HAVE_CONFIG_H 1
#define SRCDIR "/var/tmp/samba-bundle-4614f04b06292dac1960cc4322ef29ae72431e4d/tree"
#define HAVE_SYS_UTSNAME_H 1
#define SYSTEM_UNAME_SYSNAME "Linux"
#define SYSTEM_UNAME_MACHINE "x86_64"
#define SYSTEM_UNAME_RELEASE "6.18.44-fc-v1272"
#define SYSTEM_UNAME_VERSION "#1 SMP PREEMPT_DYNAMIC @0"
#define HAVE_STDIO_H 1
#define HAVE_SIMPLE_C_PROG 1
#define HAVE_VISIBILITY_ATTR 1
#define HAVE_CONSTRUCTOR_ATTRIBUTE 1
#define HAVE_DESTRUCTOR_ATTRIBUTE 1
#define HAVE___ATTRIBUTE__ 1
#define INLINE_MACRO 1
#define _GNU_SOURCE 1
#define _XOPEN_SOURCE_EXTENDED 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STDDEF_H 1
#define HAVE_MEMORY_H 1
#define HAVE_STRING_H 1
#define HAVE_STRINGS_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_UNISTD_H 1
#define HAVE_CTYPE_H 1
#define HAVE_STDBOOL_H 1
#define HAVE_STDARG_H 1
#define HAVE_LIMITS_H 1
#define HAVE_ASSERT_H 1
#define WORKING_GETCONF_LFS_CFLAGS 1
#define HAVE_LARGEFILE 1
#define STDC_HEADERS 1
#define HAVE_SYS_TIME_H 1
#define HAVE_TIME_H 1
#define TIME_WITH_SYS_TIME 1
#define SHLIBEXT "so"
#define HAVE_ENDIAN_H 1
#define HAVE_LITTLE_ENDIAN 1
/* #undef HAVE_BIG_ENDIAN */
#define HAVE_SIGNAL_H 1
/* #undef RETSIGTYPE_INT */
#define RETSIGTYPE void
#define HAVE_FUNCTION_MACRO 1
#define HAVE_VA_COPY 1
#define LINUX 1
#define BOOL_DEFINED 1
#define HAVE_LIBREPLACE 1
#define LIBREPLACE_NETWORK_CHECKS 1
#define HAVE__STATIC_ASSERT 1
#define HAVE_LINUX_TYPES_H 1
#define HAVE_LOCALE_H 1
#define HAVE_FCNTL_H 1
#define HAVE_FNMATCH_H 1
#define HAVE_GLOB_H 1
#define HAVE_KRB5_H 1
#define HAVE_LANGINFO_H 1
#define HAVE_PWD_H 1
#define HAVE_SHADOW_H 1
#define HAVE_SYS_DIR_H 1
#define HAVE_SYS_EPOLL_H 1
#define HAVE_SYS_FCNTL_H 1
#define HAVE_SYS_IOCTL_H 1
#define HAVE_SYS_IPC_H 1
#define HAVE_SYS_MMAN_H 1
#define HAVE_SYS_RESOURCE_H 1
#define HAVE_SYS_SHM_H 1
#define HAVE_SYS_STATFS_H 1
#define HAVE_SYS_STATVFS_H 1
#define HAVE_SYS_VFS_H 1
#define HAVE_SYS_XATTR_H 1
#define HAVE_TERMIOS_H 1
#define HAVE_SYS_FILE_H 1
#define HAVE_SYS_UCONTEXT_H 1
#define HAVE_SYS_WAIT_H 1
#define HAVE_DECL_MALLOC 1
#define HAVE_GRP_H 1
#define HAVE_SYS_SELECT_H 1
#define HAVE_SETJMP_H 1
#define HAVE_UTIME_H 1
#define HAVE_SYS_SYSLOG_H 1
#define HAVE_SYSLOG_H 1
#define HAVE_SYS_MOUNT_H 1
#define HAVE_MNTENT_H 1
#define HAVE_SYS_PARAM_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_NETDB_H 1
#define HAVE_ARPA_INET_H 1
#define HAVE_NETINET_IN_SYSTM_H 1
#define HAVE_NETINET_IP_H 1
#define HAVE_NETINET_TCP_H 1
#define HAVE_SYS_UN_H 1
#define HAVE_SYS_UIO_H 1
#define HAVE_IFADDRS_H 1
#define HAVE_DIRENT_H 1
#define HAVE_ERRNO_H 1
#define HAVE_GETOPT_H 1
#define HAVE_ICONV_H 1
#define HAVE_NSS_H 1
#define HAVE_LINUX_OPENAT2_H 1
#define HAVE_SYS_INOTIFY_H 1
#define HAVE_INOTIFY_INIT 1
#define HAVE_ZLIB_H 1
#define HAVE_ASM_UNISTD_H 1
#define HAVE_SYS_UNISTD_H 1
#define HAVE_ALLOCA_H 1
#define HAVE_FLOAT_H 1
/* #undef HAVE_RPC_RPC_HEADERS */
/* #undef HAVE_SYS_SYSCTL_H */
#define HAVE_SYS_SYSMACROS_H 1
#define HAVE_SYS_CDEFS_H 1
#define HAVE_UTMP_H 1
#define HAVE_UTMPX_H 1
#define HAVE_LASTLOG_H 1
#define HAVE_SYSCALL_H 1
#define HAVE_SYS_SYSCALL_H 1
#define HAVE_STDATOMIC_H 1
#define HAVE_LIBGEN_H 1
#define HAVE_WNO_FORMAT_TRUNCATION "1"
#define HAVE_WNO_UNUSED_FUNCTION "1"
#define HAVE_WNO_STRICT_OVERFLOW "1"
#define HAVE_WNO_UNUSED_BUT_SET_VARIABLE "1"
#define HAVE_WUSE_AFTER_FREE_1 "1"
#define HAVE_SYS_PRCTL_H 1
#define HAVE_PRCTL 1
#define HAVE_OPEN_O_DIRECT 1
#define HAVE_LONG_LONG 1
#define HAVE_INTPTR_T 1
#define HAVE_UINTPTR_T 1
#define HAVE_PTRDIFF_T 1
#define HAVE_COMPARISON_FN_T 1
#define HAVE_BOOL 1
#define HAVE_INT8_T 1
#define HAVE_UINT8_T 1
#define HAVE_INT16_T 1
#define HAVE_UINT16_T 1
#define HAVE_INT32_T 1
#define HAVE_UINT32_T 1
#define HAVE_INT64_T 1
#define HAVE_UINT64_T 1
#define HAVE_SIZE_T 1
#define HAVE_SSIZE_T 1
#define HAVE_INO_T 1
#define HAVE_LOFF_T 1
/* #undef HAVE_OFFSET_T */
#define offset_t loff_t
#define HAVE_VOLATILE 1
/* #undef HAVE_UINT_T */
#define uint_t unsigned int
#define HAVE_BLKSIZE_T 1
#define HAVE_BLKCNT_T 1
#define SIZEOF_BOOL 1
#define SIZEOF_CHAR 1
#define SIZEOF_INT 4
#define SIZEOF_LONG_LONG 8
#define SIZEOF_LONG 8
#define SIZEOF_SHORT 2
#define SIZEOF_SIZE_T 8
#define SIZEOF_SSIZE_T 8
#define SIZEOF_INT8_T 1
#define SIZEOF_UINT8_T 1
#define SIZEOF_INT16_T 2
#define SIZEOF_UINT16_T 2
#define SIZEOF_INT32_T 4
#define SIZEOF_UINT32_T 4
#define SIZEOF_INT64_T 8
#define SIZEOF_UINT64_T 8
#define SIZEOF_VOID_P 8
#define SIZEOF_OFF_T 8
#define SIZEOF_DEV_T 8
#define SIZEOF_INO_T 8
#define SIZEOF_TIME_T 8
#define HAVE_SOCKLEN_T 1
#define HAVE_STRUCT_IFADDRS 1
#define HAVE_STRUCT_ADDRINFO 1
#define HAVE_STRUCT_SOCKADDR 1
#define HAVE_STRUCT_SOCKADDR_IN6 1
#define HAVE_STRUCT_SOCKADDR_STORAGE 1
#define HAVE_SA_FAMILY_T 1
#define HAVE_SIG_ATOMIC_T_TYPE 1
#define HAVE_SIGSETMASK 1
#define HAVE_SIGGETMASK 1
#define HAVE_SIGPROCMASK 1
#define HAVE_SIGBLOCK 1
#define HAVE_SIGACTION 1
#define HAVE_SIGSET 1
#define HAVE_INET_NTOA 1
#define HAVE_INET_ATON 1
#define HAVE_INET_NTOP 1
#define HAVE_INET_PTON 1
#define HAVE_CONNECT 1
#define HAVE_GETHOSTBYNAME 1
#define HAVE_GETADDRINFO 1
#define HAVE_GETNAMEINFO 1
#define HAVE_FREEADDRINFO 1
#define HAVE_GAI_STRERROR 1
#define HAVE_SOCKETPAIR 1
/* #undef HAVE_MEMSET_S */
#define HAVE_MEMSET_EXPLICIT 1
#define HAVE_GCC_VOLATILE_MEMORY_PROTECTION 1
#define HAVE_IPV6_V6ONLY 1
#define HAVE_NET_IF_H 1
#define HAVE_IPV6 1
#define HAVE_UCONTEXT_T 1
#define HAVE___SYNC_FETCH_AND_ADD 1
#define HAVE___SYNC_ADD_AND_FETCH 1
/* #undef HAVE_ATOMIC_ADD_32 */
#define HAVE___ATOMIC_ADD_FETCH 1
#define HAVE___ATOMIC_ADD_LOAD 1
#define HAVE_ATOMIC_THREAD_FENCE 1
#define HAVE_ATOMIC_THREAD_FENCE_SUPPORT 1
#define HAVE_FALLTHROUGH_ATTRIBUTE 1
#define HAVE_STRDUP 1
#define HAVE_MEMMEM 1
#define HAVE_PRINTF 1
#define HAVE_MEMCPY 1
#define HAVE_MEMMOVE 1
#define HAVE_STRCPY 1
#define HAVE_STRNCPY 1
/* #undef HAVE_SHL_LOAD */
/* #undef HAVE_SHL_UNLOAD */
/* #undef HAVE_SHL_FINDSYM */
#define HAVE_PIPE 1
#define HAVE_STRFTIME 1
#define HAVE_SRANDOM 1
#define HAVE_RANDOM 1
#define HAVE_SRAND 1
#define HAVE_RAND 1
#define HAVE_USLEEP 1
#define HAVE_SETBUFFER 1
#define HAVE_LSTAT 1
#define HAVE_GETPGRP 1
#define HAVE_UTIME 1
#define HAVE_UTIMES 1
#define HAVE_SETUID 1
#define HAVE_SETEUID 1
#define HAVE_SETREUID 1
#define HAVE_SETRESUID 1
#define HAVE_SETGID 1
#define HAVE_SETEGID 1
#define HAVE_SETREGID 1
#define HAVE_SETRESGID 1
#define HAVE_CHROOT 1
#define HAVE_STRERROR 1
#define HAVE_VSYSLOG 1
#define HAVE_SETLINEBUF 1
#define HAVE_MKTIME 1
#define HAVE_FTRUNCATE 1
/* #undef HAVE_CHSIZE */
#define HAVE_RENAME 1
#define HAVE_WAITPID 1
#define HAVE_WAIT4 1
#define HAVE_INITGROUPS 1
#define HAVE_PREAD 1
#define HAVE_PWRITE 1
#define HAVE_STRNDUP 1
#define HAVE_STRCASESTR 1
#define HAVE_STRSEP 1
#define HAVE_STRTOK_R 1
#define HAVE_MKDTEMP 1
#define HAVE_DUP2 1
#define HAVE_DPRINTF 1
#define HAVE_VDPRINTF 1
#define HAVE_ISATTY 1
#define HAVE_CHOWN 1
#define HAVE_LCHOWN 1
#define HAVE_LINK 1
#define HAVE_READLINK 1
#define HAVE_SYMLINK 1
#define HAVE_REALPATH 1
#define HAVE_SNPRINTF 1
#define HAVE_VSNPRINTF 1
#define HAVE_ASPRINTF 1
#define HAVE_VASPRINTF 1
#define HAVE_SETENV 1
#define HAVE_UNSETENV 1
#define HAVE_STRNLEN 1
#define HAVE_STRTOULL 1
/* #undef HAVE___STRTOULL */
#define HAVE_STRTOUQ 1
#define HAVE_STRTOLL 1
/* #undef HAVE___STRTOLL */
#define HAVE_STRTOQ 1
#define HAVE_MEMALIGN 1
#define HAVE_POSIX_MEMALIGN 1
#define HAVE_FMEMOPEN 1
#define HAVE_RENAMEAT2 1
#define HAVE_MALLOC_H 1
#define HAVE_DECL_MEMALIGN 1
#define _POSIX_FALLOCATE_CAPABLE_LIBC 1
#define HAVE_POSIX_FALLOCATE 1
#define HAVE_DIRNAME 1
#define HAVE_BASENAME 1
#define HAVE_STRLCPY 1
#define HAVE_STRLCAT 1
/* #undef HAVE_GETPEEREID */
/* #undef HAVE_SETPROCTITLE */
/* #undef HAVE_SETPROCTITLE_INIT */
#define HAVE_CLOSEFROM 1
#define HAVE_PEERCRED 1
/* #undef HAVE_BSD_STRTOLL */
#define HAVE_IF_NAMEINDEX 1
#define HAVE_IF_NAMETOINDEX 1
#define HAVE_STRERROR_R 1
#define HAVE_SYSLOG 1
#define HAVE_GET_CURRENT_DIR_NAME 1
#define HAVE_TIMEGM 1
#define HAVE_GETIFADDRS 1
#define HAVE_FREEIFADDRS 1
#define HAVE_MMAP 1
#define HAVE_SETGROUPS 1
#define HAVE_SYSCALL 1
#define HAVE_SETSID 1
#define HAVE_GETGRENT_R 1
#define HAVE_GETGRGID_R 1
#define HAVE_GETGRNAM_R 1
#define HAVE_GETGROUPLIST 1
#define HAVE_GETPAGESIZE 1
#define HAVE_GETPWENT_R 1
#define HAVE_GETPWNAM_R 1
#define HAVE_GETPWUID_R 1
#define HAVE_EPOLL_CREATE1 1
/* #undef HAVE_GETPROGNAME */
#define HAVE_COPY_FILE_RANGE 1
#define HAVE_XATTR_SUPPORT 1
#define HAVE_GETXATTR 1
#define HAVE_XATTR_XATTR 1
/* #undef XATTR_ADDITIONAL_OPTIONS */
#define HAVE_DLFCN_H 1
#define HAVE_DLOPEN 1
#define HAVE_DLSYM 1
#define HAVE_DLERROR 1
#define HAVE_DLCLOSE 1
#define HAVE_DECL_DLOPEN 1
/* #undef DLOPEN_TAKES_UNSIGNED_FLAGS */
#define HAVE_FDATASYNC 1
#define HAVE_DECL_FDATASYNC 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_CLOCK_MONOTONIC 1
#define HAVE_CLOCK_PROCESS_CPUTIME_ID 1
#define HAVE_CLOCK_REALTIME 1
#define HAVE_STRUCT_TIMESPEC 1
#define HAVE_ARPA_NAMESER_H 1
#define HAVE_RESOLV_H 1
#define HAVE_RES_SEARCH 1
#define HAVE_LIBINTL_H 1
#define HAVE_DECL_DGETTEXT 1
#define HAVE_DECL_GETTEXT 1
#define HAVE_DECL_BINDTEXTDOMAIN 1
#define HAVE_DECL_TEXTDOMAIN 1
#define HAVE_DECL_BIND_TEXTDOMAIN_CODESET 1
#define HAVE_BINDTEXTDOMAIN 1
#define HAVE_TEXTDOMAIN 1
#define HAVE_BIND_TEXTDOMAIN_CODESET 1
#define HAVE_DGETTEXT 1
#define HAVE_GETTEXT 1
#define HAVE_PTHREAD_H 1
#define HAVE_PTHREAD_CREATE 1
#define HAVE_PTHREAD_ATTR_INIT 1
#define HAVE_PTHREAD 1
#define HAVE_PTHREAD_MUTEXATTR_SETROBUST 1
#define HAVE_DECL_PTHREAD_MUTEX_ROBUST 1
#define HAVE_PTHREAD_MUTEX_CONSISTENT 1
#define HAVE_ROBUST_MUTEXES 1
#define HAVE___THREAD 1
/* #undef HAVE_CRYPT */
/* #undef HAVE_CRYPT_R */
/* #undef HAVE_CRYPT_RN */
#define HAVE_DECL_RL_EVENT_HOOK 0
#define HAVE_PROGRAM_INVOCATION_SHORT_NAME 1
#define HAVE_DECL_SNPRINTF 1
#define HAVE_DECL_VSNPRINTF 1
#define HAVE_DECL_ASPRINTF 1
#define HAVE_DECL_VASPRINTF 1
#define HAVE_ERRNO_DECL 1
#define HAVE_DECL_EWOULDBLOCK 1
#define HAVE_ENVIRON_DECL 1
#define HAVE_GETGRENT_R_DECL 1
#define HAVE_GETPWENT_R_DECL 1
#define HAVE_PREAD_DECL 1
#define HAVE_PWRITE_DECL 1
#define HAVE_SETENV_DECL 1
#define HAVE_SETRESGID_DECL 1
#define HAVE_SETRESUID_DECL 1
#define HAVE_EPOLL 1
#define HAVE_SYS_EVENTFD_H 1
#define HAVE_EVENTFD 1
#define HAVE_POLL_H 1
#define HAVE_POLL 1
#define HAVE_STRPTIME 1
#define HAVE_DECL_STRPTIME 1
#define HAVE_WORKING_STRPTIME 1
#define HAVE_DECL_GETTIMEOFDAY 1
/* #undef HAVE_GETTIMEOFDAY_TZ */
#define HAVE_GETTIMEOFDAY_TZ_VOID 1
#define HAVE_C99_VSNPRINTF 1
#define HAVE_SHARED_MMAP 1
#define HAVE_MREMAP 1
/* #undef HAVE_INCOHERENT_MMAP */
#define HAVE_IMMEDIATE_STRUCTURES 1
#define HAVE_MKDIR_MODE 1
#define HAVE_STRUCT_STAT_ST_RDEV 1
#define HAVE_ST_RDEV 1
#define HAVE_SS_FAMILY 1
/* #undef HAVE___SS_FAMILY */
/* #undef HAVE_SOCKADDR_SA_LEN */
/* #undef HAVE_SOCK_SIN_LEN */
/* #undef HAVE_SOCK_SIN6_LEN */
#define HAVE_UNIXSOCKET 1
#define HAVE_SECURE_MKSTEMP 1
/* #undef HAVE_IFACE_GETIFADDRS */
/* #undef HAVE_IFACE_AIX */
/* #undef HAVE_IFACE_IFCONF */
/* #undef HAVE_IFACE_IFREQ */
#define HAVE_DECL_GETPWENT_R 1
/* #undef SOLARIS_GETPWENT_R */
#define HAVE_DECL_GETGRENT_R 1
/* #undef SOLARIS_GETGRENT_R */
/* #undef STRERROR_R_XSI_NOT_GNU */
/* #undef HAVE_FUSE_FUSE_LOWLEVEL_H */
#define WINEXE_LDFLAGS -s -Wall -Wl,-Bstatic -Wl,-Bdynamic -luserenv
/* #undef PYTHONDIR */
/* #undef PYTHONARCHDIR */
#define HAVE_SYS_RANDOM_H 1
#define HAVE_GETRANDOM 1
#define HAVE_GNUTLS 1
#define ALLOW_GNUTLS_AEAD_CIPHER_ENCRYPTV2_AES_CCM 1
#define HAVE_GNUTLS_CB_TLS_SERVER_END_POINT 1
#define HAVE_GNUTLS_CIPHER_ENCRYPT3 1
/* #undef HAVE_GNUTLS_FIPS_MODE_SUPPORTED */
#define HAVE_ZLIB 1
#define HAVE_LIBZ 1
/* #undef HAVE_INFLATEINIT2 */
#define HAVE_STRSIGNAL 1
#define HAVE_LONGJMP 1
#define HAVE_SIGLONGJMP 1
#define HAVE_POPT 1
#define HAVE_POPT_H 1
#define HAVE_LIBPOPT 1
#define HAVE_POPTGETCONTEXT 1
#define USING_SYSTEM_POPT 1
#define HAVE_LINUX_TLS_H 1
#define HAVE_DECL_TLS_CIPHER_AES_GCM_256 1
#define HAVE_DECL_TLS_CIPHER_AES_CCM_128 1
#define HAVE_DECL_TLS_CIPHER_CHACHA20_POLY1305 1
#define HAVE_LIBQUIC 1
#define HAVE_LIBNGTCP2 1
#define USE_TDB_MUTEX_LOCKING 1
#define TALLOC_BUILD_VERSION_MAJOR 2
#define TALLOC_BUILD_VERSION_MINOR 5
#define TALLOC_BUILD_VERSION_RELEASE 0
#define HAVE_SYS_AUXV_H 1
#define HAVE_GETAUXVAL 1
#define VALUEOF_NSIG 65
#define VALUEOF__NSIG 65
#define VALUEOF_SIGRTMAX 64
#define VALUEOF_SIGRTMIN 34
#define TEVENT_NUM_SIGNALS 68
#define HAVE_64_BIT_SIZE_T_FOR_LMDB 1
#define HAVE_LDWRAP 1
#define HAVE_COM_ERR 1
#define HAVE_LIBCOM_ERR 1
#define HAVE__ET_LIST 1
#define HAVE_COM_ERR_H 1
#define HAVE_KRB5 1
#define HAVE_GSSAPI 1
#define USING_SYSTEM_KRB5 1
#define USING_SYSTEM_MITKRB5 "1.22.1"
#define HAVE_KRB5_LOCATE_PLUGIN_H 1
#define HAVE_KRB5_LOCALAUTH_PLUGIN_H 1
#define HAVE_GSSAPI_H 1
#define HAVE_GSSAPI_GSSAPI_GENERIC_H 1
#define HAVE_GSSAPI_GSSAPI_H 1
#define HAVE_GSSAPI_GSSAPI_EXT_H 1
#define HAVE_GSSAPI_GSSAPI_KRB5_H 1
/* #undef HAVE_KRB5_ENCRYPT_DATA */
/* #undef HAVE_DES_SET_KEY */
/* #undef HAVE_COPY_AUTHENTICATOR */
/* #undef HAVE_ROKEN_GETADDRINFO_HOSTSPEC */
#define HAVE_PROFILE_H 1
#define HAVE_GSS_DISPLAY_STATUS 1
#define HAVE_GSS_WRAP_IOV 1
#define HAVE_GSS_KRB5_IMPORT_CRED 1
#define HAVE_GSS_GET_NAME_ATTRIBUTE 1
#define HAVE_GSS_MECH_KRB5 1
#define HAVE_GSS_OID_EQUAL 1
#define HAVE_GSS_INQUIRE_SEC_CONTEXT_BY_OID 1
#define HAVE_GSSKRB5_EXTRACT_AUTHZ_DATA_FROM_SEC_CONTEXT 1
#define HAVE_GSS_KRB5_EXPORT_LUCID_SEC_CONTEXT 1
#define HAVE_GSS_IMPORT_CRED 1
#define HAVE_GSS_EXPORT_CRED 1
#define HAVE_GSS_ACQUIRE_CRED_FROM 1
#define HAVE_GSS_KRB5_CRED_NO_CI_FLAGS_X 1
#define HAVE_KRB5_AUTH_CON_GETRECVSUBKEY 1
#define HAVE_KRB5_AUTH_CON_GETSENDSUBKEY 1
/* #undef HAVE_KRB5_SET_DEFAULT_IN_TKT_ETYPES */
#define HAVE_KRB5_SET_DEFAULT_TGS_ENCTYPES 1
#define HAVE_KRB5_SET_DEFAULT_TGS_KTYPES 1
#define HAVE_KRB5_PRINCIPAL2SALT 1
#define HAVE_KRB5_C_STRING_TO_KEY 1
/* #undef HAVE_KRB5_GET_PW_SALT */
/* #undef HAVE_KRB5_STRING_TO_KEY_SALT */
/* #undef HAVE_KRB5_AUTH_CON_SETKEY */
#define HAVE_KRB5_AUTH_CON_SETUSERUSERKEY 1
#define HAVE_KRB5_GET_PERMITTED_ENCTYPES 1
/* #undef HAVE_KRB5_GET_DEFAULT_IN_TKT_ETYPES */
#define HAVE_KRB5_FREE_DATA_CONTENTS 1
/* #undef HAVE_KRB5_PRINCIPAL_GET_COMP_STRING */
#define HAVE_KRB5_FREE_UNPARSED_NAME 1
#define HAVE_KRB5_FREE_KEYTAB_ENTRY_CONTENTS 1
#define HAVE_KRB5_KT_FREE_ENTRY 1
/* #undef HAVE_KRB5_KRBHST_INIT */
/* #undef HAVE_KRB5_KRBHST_GET_ADDRINFO */
/* #undef HAVE_KRB5_CRYPTO_INIT */
/* #undef HAVE_KRB5_CRYPTO_DESTROY */
#define HAVE_KRB5_C_VERIFY_CHECKSUM 1
#define HAVE_KRB5_PRINCIPAL_COMPARE_ANY_REALM 1
/* #undef HAVE_KRB5_PARSE_NAME_NOREALM */
/* #undef HAVE_KRB5_PRINC_SIZE */
#define HAVE_KRB5_GET_INIT_CREDS_OPT_SET_PAC_REQUEST 1
#define HAVE_KRB5_GET_RENEWED_CREDS 1
/* #undef HAVE_KRB5_FREE_ERROR_CONTENTS */
#define HAVE_INITIALIZE_KRB5_ERROR_TABLE 1
#define HAVE_KRB5_GET_INIT_CREDS_OPT_ALLOC 1
#define HAVE_KRB5_GET_INIT_CREDS_OPT_FREE 1
/* #undef HAVE_KRB5_GET_INIT_CREDS_OPT_GET_ERROR */
#define HAVE_KRB5_ENCTYPE_TO_STRING 1
#define HAVE_KRB5_FWD_TGT_CREDS 1
#define HAVE_KRB5_AUTH_CON_SET_REQ_CKSUMTYPE 1
/* #undef HAVE_KRB5_GET_CREDS_OPT_ALLOC */
/* #undef HAVE_KRB5_GET_CREDS_OPT_SET_IMPERSONATE */
/* #undef HAVE_KRB5_GET_CREDS */
#define HAVE_KRB5_GET_CREDENTIALS_FOR_USER 1
#define HAVE_KRB5_GET_HOST_REALM 1
#define HAVE_KRB5_FREE_HOST_REALM 1
/* #undef HAVE_KRB5_GET_INIT_CREDS_KEYBLOCK */
#define HAVE_KRB5_GET_INIT_CREDS_KEYTAB 1
/* #undef HAVE_KRB5_MAKE_PRINCIPAL */
#define HAVE_KRB5_BUILD_PRINCIPAL_ALLOC_VA 1
/* #undef HAVE_KRB5_CC_GET_LIFETIME */
#define HAVE_KRB5_CC_RETRIEVE_CRED 1
#define HAVE_KRB5_CC_COPY_CREDS 1
#define HAVE_KRB5_FREE_CHECKSUM_CONTENTS 1
#define HAVE_KRB5_C_MAKE_CHECKSUM 1
/* #undef HAVE_KRB5_CREATE_CHECKSUM */
/* #undef HAVE_KRB5_CONFIG_GET_BOOL_DEFAULT */
#define HAVE_KRB5_GET_PROFILE 1
/* #undef HAVE_KRB5_DATA_COPY */
#define HAVE_KRB5_INIT_KEYBLOCK 1
/* #undef HAVE_KRB5_PRINCIPAL_SET_REALM */
/* #undef HAVE_KRB5_PRINCIPAL_GET_TYPE */
/* #undef HAVE_KRB5_PRINCIPAL_SET_TYPE */
/* #undef HAVE_KRB5_WARNX */
#define HAVE_KRB5_GET_PROMPT_TYPES 1
#define HAVE_KRB5_MK_REQ_EXTENDED 1
/* #undef HAVE_KRB5_KT_COMPARE */
#define HAVE_KRB5_FREE_ENCTYPES 1
#define HAVE_KRB5_FREE_STRING 1
#define HAVE_KRB5_GET_INIT_CREDS_OPT_SET_FAST_CCACHE 1
#define HAVE_KRB5_GET_INIT_CREDS_OPT_SET_FAST_FLAGS 1
#define HAVE_KRB5_INIT_CREDS_STEP 1
#define HAVE_DECL_KRB5_GET_CREDENTIALS_FOR_USER 0
#define HAVE_DECL_KRB5_AUTH_CON_SET_REQ_CKSUMTYPE 1
#define HAVE_AP_OPTS_USE_SUBKEY 1
#define HAVE_KV5M_KEYTAB 1
/* #undef HAVE_KRB5_KU_OTHER_CKSUM */
#define HAVE_KRB5_KEYUSAGE_APP_DATA_CKSUM 1
#define HAVE_ENCTYPE_AES128_CTS_HMAC_SHA1_96 1
#define HAVE_ENCTYPE_AES256_CTS_HMAC_SHA1_96 1
/* #undef HAVE_KRB5_PDU_NONE_DECL */
#define HAVE_KRB5_KEYTAB_ENTRY_KEY 1
/* #undef HAVE_KRB5_KEYTAB_ENTRY_KEYBLOCK */
#define HAVE_MAGIC_IN_KRB5_ADDRESS 1
#define HAVE_ADDRTYPE_IN_KRB5_ADDRESS 1
#define HAVE_TICKET_POINTER_IN_KRB5_AP_REQ 1
/* #undef HAVE_KRB5_PROMPT_TYPE */
#define HAVE_KRB5_TRACE_INFO 1
#define HAVE_KRB5_TRACE_INFO_STRUCT 1
#define HAVE_KRB5_ENCRYPT_BLOCK 1
#define KRB5_CREDS_OPT_FREE_REQUIRES_CONTEXT 1
#define HAVE_KRB5_PRINC_COMPONENT 1
#define HAVE_KRB5_ENCTYPE_TO_STRING_WITH_SIZE_T_ARG 1
/* #undef HAVE_KRB5_ENCTYPE_TO_STRING_WITH_KRB5_CONTEXT_ARG */
#define HAVE_KRB5_PRINC_REALM 1
/* #undef HAVE_KRB5_PRINCIPAL_GET_REALM */
/* #undef _HAVE_ENCTYPE_ARCFOUR_HMAC_MD5 */
/* #undef _HAVE_ENCTYPE_ARCFOUR_HMAC_MD5_56 */
/* #undef _HAVE_KEYTYPE_ARCFOUR_56 */
#define HAVE_ENCTYPE_ARCFOUR_HMAC 1
#define HAVE_ENCTYPE_ARCFOUR_HMAC_EXP 1
#define HAVE_WRFILE_KEYTAB 1
#define HAVE_KRB5_DEPRECATED_WITH_IDENTIFIER 1
/* #undef HAVE_FLAGS_IN_KRB5_CREDS */
#define HAVE_GSS_KEY_VALUE_SET_DESC 1
#define HAVE_LINUX_INOTIFY 1
#define HAVE_SA_SIGINFO_DECL 1
#define HAVE_EXECINFO_H 1
#define HAVE_BACKTRACE 1
#define HAVE_BACKTRACE_SYMBOLS 1
#define HAVE_FRSIZE 1
#define STAT_STATVFS 1
/* #undef BSD_STYLE_STATVFS */
#define HAVE_FSID_INT 1
#define HAVE_STATVFS_F_FLAG 1
/* #undef HAVE_STATVFS_F_FLAGS */
#define HAVE_MALLINFO2 1
#define HAVE_GPFS_H 1
#define HAVE_GPFS 1
#define HAVE_ICONV_OPEN 1
#define HAVE_NATIVE_ICONV 1
#define HAVE_ICONV_ERRNO_ILLEGAL_MULTIBYTE 1
/* #undef HAVE_PAM_START */
/* #undef HAVE_NSS_XBYY_KEY_IPNODE */
/* #undef HAVE_PASSWD_PW_COMMENT */
/* #undef HAVE_PASSWD_PW_AGE */
/* #undef HAVE_STRUCT_SECMETHOD_TABLE_METHOD_ATTRLIST */
/* #undef HAVE_STRUCT_SECMETHOD_TABLE_METHOD_VERSION */
/* #undef HAVE_TGETENT */
/* #undef HAVE_RL_COMPLETION_FUNC_T */
/* #undef HAVE_CPPFUNCTION */
/* #undef HAVE_RL_COMPLETION_MATCHES */
/* #undef HAVE_HISTORY_LIST */
#define WITH_PTHREADPOOL 1
#define HAVE_LINUX_FALLOC_H 1
#define HAVE_LINUX_IOCTL_H 1
#define HAVE_LINUX_MAGIC_H 1
#define HAVE_GETCWD 1
#define HAVE_FCHOWN 1
#define HAVE_CHMOD 1
#define HAVE_FCHMOD 1
#define HAVE_MKNOD 1
#define HAVE_MKNODAT 1
#define HAVE_STRTOL 1
#define HAVE_STRCHR 1
/* #undef HAVE_STRUPR */
/* #undef HAVE_CHFLAGS */
/* #undef HAVE_FCHFLAGS */
#define HAVE_GETRLIMIT 1
#define HAVE_FSYNC 1
#define HAVE_SETPGID 1
#define HAVE_GLOB 1
#define HAVE_STRPBRK 1
/* #undef HAVE_CRYPT16 */
/* #undef HAVE_GETAUTHUID */
#define HAVE_INNETGR 1
#define HAVE_SELECT 1
/* #undef HAVE_RDCHK */
#define HAVE_GETGRNAM 1
#define HAVE_GETGRENT 1
#define HAVE_PATHCONF 1
/* #undef HAVE_SETPRIV */
/* #undef HAVE_SETGIDX */
/* #undef HAVE_SETUIDX */
#define HAVE_SYSCONF 1
#define HAVE_ATEXIT 1
#define HAVE_GRANTPT 1
#define HAVE_POSIX_OPENPT 1
#define HAVE_FALLOCATE 1
#define HAVE_FSEEKO 1
/* #undef HAVE_SETLUID */
#define HAVE_GETPWNAM 1
#define HAVE_FDOPENDIR 1
#define HAVE_CLEARENV 1
#define HAVE_STRCASECMP 1
#define HAVE_SETLOCALE 1
#define HAVE_LUTIMES 1
#define HAVE_UTIMENSAT 1
#define HAVE_FUTIMENS 1
#define HAVE_MLOCK 1
#define HAVE_MUNLOCK 1
#define HAVE_MLOCKALL 1
#define HAVE_MUNLOCKALL 1
#define HAVE_HSTRERROR 1
#define HAVE_GETDOMAINNAME 1
#define HAVE_LIBRESOLV 1
#define HAVE_DN_EXPAND 1
/* #undef HAVE__DN_EXPAND */
/* #undef HAVE___DN_EXPAND */
#define HAVE_READAHEAD_DECL 1
#define HAVE_LINUX_SPLICE 1
#define HAVE_SPLICE_DECL 1
#define HAVE_INOTIFY 1
#define HAVE_LINUX_FCNTL_H 1
#define HAVE_F_SETLEASE_DECL 1
#define HAVE_KERNEL_OPLOCKS_LINUX 1
#define HAVE_STAT_ST_BLOCKS 1
#define HAVE_STAT_ST_BLKSIZE 1
/* #undef HAVE_STAT_ST_FLAGS */
/* #undef SIZEOF_BLKCNT_T_4 */
#define SIZEOF_BLKCNT_T_8 1
/* #undef HAVE_CAP_GET_PROC */
#define BROKEN_NISPLUS_INCLUDE_FILES 1
#define HAVE_COMPILER_WILL_OPTIMIZE_OUT_FNS 1
#define COMPILER_SUPPORTS_LL 1
/* #undef HAVE_DNSSERVICEREGISTER */
/* #undef HAVE_DEVNM */
#define HAVE_ENDMNTENT 1
#define HAVE_EXECL 1
/* #undef HAVE_GETGRSET */
#define HAVE_GETMNTENT 1
/* #undef HAVE_GETPWANAM */
/* #undef HAVE_LLSEEK */
#define HAVE_SETMNTENT 1
#define HAVE_STATVFS 1
/* #undef HAVE_SYSCTL */
/* #undef HAVE_SYSCTLBYNAME */
#define HAVE_CHARSET_CP850 1
#define HAVE_CHARSET_UTF_8 1
#define DEFAULT_DOS_CHARSET "CP850"
#define DEFAULT_UNIX_CHARSET "UTF-8"
#define STAT_ST_BLOCKSIZE 512
#define HAVE_DIRFD 1
#define HAVE_DIRFD_DECL 1
#define HAVE_FSTATFS 1
#define HAVE_STATFS_F_FSID 1
#define HAVE_LINUX_FALLOCATE 1
#define HAVE_FALLOC_FL_PUNCH_HOLE 1
#define HAVE_LSEEK_HOLE_DATA 1
#define HAVE_LINUX_READAHEAD 1
#define HAVE_DECL_READAHEAD 1
#define HAVE_OPENAT 1
#define HAVE_STRUCT_MSGHDR_MSG_CONTROL 1
/* #undef HAVE_STRUCT_MSGHDR_MSG_ACCRIGHTS */
#define WITH_WINBIND 1
#define HAVE_ASM_TYPES_H 1
#define HAVE_DEVICE_MAJOR_FN 1
#define HAVE_DEVICE_MINOR_FN 1
#define HAVE_DIRENT_D_OFF 1
#define HAVE_NETGROUP 1
#define WITH_SYSLOG 1
#define WITH_AUTOMOUNT 1
#define HAVE_PUTUTLINE 1
#define HAVE_PUTUTXLINE 1
#define HAVE_UPDWTMP 1
#define HAVE_UPDWTMPX 1
#define HAVE_GETUTMPX 1
#define HAVE_UT_UT_NAME 1
#define HAVE_UT_UT_USER 1
#define HAVE_UT_UT_ID 1
#define HAVE_UT_UT_HOST 1
#define HAVE_UT_UT_TIME 1
#define HAVE_UT_UT_TV 1
#define HAVE_UT_UT_TYPE 1
#define HAVE_UT_UT_PID 1
#define HAVE_UT_UT_EXIT 1
/* #undef HAVE_UX_UT_SYSLEN */
#define HAVE_UX_UT_HOST 1
#define PUTUTLINE_RETURNS_UTMP 1
#define SIZEOF_UTMP_UT_LINE 32
#define WITH_UTMP 1
#define HAVE_ICONV 1
/* #undef USE_LINUX_32BIT_SYSCALLS */
#define HAVE_LINUX_THREAD_CREDENTIALS 1
#define HAVE_LINUX_NETLINK_H 1
#define HAVE_LINUX_RTNETLINK_H 1
#define HAVE_FCNTL_LOCK 1
#define HAVE_OFD_LOCKS 1
#define HAVE_F_OWNER_EX 1
/* #undef HAVE_RW_HINTS */
#define HAVE_STRUCT_STAT_ST_MTIM_TV_NSEC 1
/* #undef HAVE_STRUCT_STAT_ST_MTIMENSEC */
/* #undef HAVE_STRUCT_STAT_ST_MTIMESPEC_TV_NSEC */
/* #undef HAVE_STRUCT_STAT_ST_MTIME_N */
/* #undef HAVE_STRUCT_STAT_ST_UMTIME */
#define HAVE_STAT_HIRES_TIMESTAMPS 1
/* #undef HAVE_STRUCT_STAT_ST_BIRTHTIME */
/* #undef HAVE_STRUCT_STAT_ST_BIRTHTIMESPEC_TV_NSEC */
/* #undef HAVE_STRUCT_STAT_ST_BIRTHTIMENSEC */
#define HAVE_POSIX_FADVISE 1
#define SYSCONF_SC_NGROUPS_MAX 1
/* #undef SYSCONF_SC_NPROC_ONLN */
#define SYSCONF_SC_NPROCESSORS_ONLN 1
#define SYSCONF_SC_PAGESIZE 1
/* #undef HAVE_DARWIN_INITGROUPS */
#define HAVE_UTIMBUF 1
#define HAVE_STRUCT_SIGEVENT 1
#define HAVE_STRUCT_SIGEVENT_SIGEV_VALUE_SIVAL_PTR 1
/* #undef HAVE_STRUCT_SIGEVENT_SIGEV_VALUE_SIGVAL_PTR */
#define HAVE_SYS_KERNEL_PROC_CORE_PATTERN 1
#define __TIME_T_MAX 1
#define TIME_T_MAX 67768036191676799ll
#define HAVE_MAKEDEV 1
#define REALPATH_TAKES_NULL 1
#define HAVE_FTRUNCATE_EXTEND 1
/* #undef HAVE_BROKEN_READLINK */
#define HAVE_SYS_SENDFILE_H 1
#define _HAVE_SENDFILE 1
#define HAVE_SENDFILE 1
#define LINUX_SENDFILE_API 1
#define GETCWD_TAKES_NULL 1
#define HAVE_GETSPNAM 1
#define HAVE_SYS_QUOTA_H 1
/* #undef HAVE_XFS_QUOTAS */
/* #undef HAVE_DQB_FSOFTLIMIT */
/* #undef HAVE_STRUCT_DQBLK_DQB_CURBYTES */
#define HAVE_QUOTACTL_LINUX 1
#define HAVE_SYS_QUOTAS 1
#define WITH_QUOTAS 1
#define HAVE_SCHED_H 1
#define HAVE_UNSHARE_CLONE_FS 1
#define HAVE_LINUX_FS_H 1
#define HAVE_DECL_FS_IOC_GETFLAGS 1
#define HAVE_DECL_FS_COMPR_FL 1
#define HAVE_LINUX_IOCTL 1
/* #undef HAVE_GLUSTERFS */
#define HAVE_FTW_H 1
#define HAVE_NFTW 1
/* #undef HAVE_DES_PCBC_ENCRYPT */
#define WITH_WSP 1
/* #undef HAVE_NSCD_FLUSH_CACHE */
#define STRING_STATIC_MODULES "vfs_default vfs_not_implemented auth_builtin auth_sam auth_winbind pdb_smbpasswd pdb_tdbsam auth_unix nss_info_template idmap_tdb idmap_passdb idmap_nss"
#define STRING_SHARED_MODULES "idmap_autorid idmap_rid idmap_hash vfs_recycle vfs_audit vfs_extd_audit vfs_full_audit vfs_fake_perms vfs_default_quota vfs_readonly vfs_cap vfs_expand_msdfs vfs_shadow_copy vfs_shadow_copy2 vfs_readahead vfs_xattr_tdb vfs_streams_xattr vfs_streams_depot vfs_acl_xattr vfs_acl_tdb vfs_preopen vfs_catia vfs_media_harmony vfs_unityed_media vfs_fruit vfs_shell_snap vfs_commit vfs_worm vfs_crossrename vfs_linux_xfs_sgid vfs_time_audit vfs_offline vfs_virusfilter vfs_widelinks vfs_aio_ratelimit idmap_tdb2 idmap_script vfs_syncops vfs_dirsort vfs_fileid vfs_aio_fork vfs_aio_pthread vfs_gpfs vfs_btrfs vfs_glusterfs_fuse"
#define static_decl_vfs extern NTSTATUS vfs_default_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS vfs_not_implemented_init(TALLOC_CTX *mem_ctx); 
#define static_init_vfs(mem_ctx) { vfs_default_init((mem_ctx));  vfs_not_implemented_init((mem_ctx)); }
#define vfs_recycle_init samba_init_module
#define vfs_audit_init samba_init_module
#define vfs_extd_audit_init samba_init_module
#define vfs_full_audit_init samba_init_module
#define vfs_fake_perms_init samba_init_module
#define vfs_default_quota_init samba_init_module
#define vfs_readonly_init samba_init_module
#define vfs_cap_init samba_init_module
#define vfs_expand_msdfs_init samba_init_module
#define vfs_shadow_copy_init samba_init_module
#define vfs_shadow_copy2_init samba_init_module
#define vfs_readahead_init samba_init_module
#define vfs_xattr_tdb_init samba_init_module
#define vfs_streams_xattr_init samba_init_module
#define vfs_streams_depot_init samba_init_module
#define vfs_acl_xattr_init samba_init_module
#define vfs_acl_tdb_init samba_init_module
#define vfs_preopen_init samba_init_module
#define vfs_catia_init samba_init_module
#define vfs_media_harmony_init samba_init_module
#define vfs_unityed_media_init samba_init_module
#define vfs_fruit_init samba_init_module
#define vfs_shell_snap_init samba_init_module
#define vfs_commit_init samba_init_module
#define vfs_worm_init samba_init_module
#define vfs_crossrename_init samba_init_module
#define vfs_linux_xfs_sgid_init samba_init_module
#define vfs_time_audit_init samba_init_module
#define vfs_offline_init samba_init_module
#define vfs_virusfilter_init samba_init_module
#define vfs_widelinks_init samba_init_module
#define vfs_aio_ratelimit_init samba_init_module
#define vfs_syncops_init samba_init_module
#define vfs_dirsort_init samba_init_module
#define vfs_fileid_init samba_init_module
#define vfs_aio_fork_init samba_init_module
#define vfs_aio_pthread_init samba_init_module
#define vfs_gpfs_init samba_init_module
#define vfs_btrfs_init samba_init_module
#define vfs_glusterfs_fuse_init samba_init_module
#define static_decl_pdb extern NTSTATUS pdb_smbpasswd_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS pdb_tdbsam_init(TALLOC_CTX *mem_ctx); 
#define static_init_pdb(mem_ctx) { pdb_smbpasswd_init((mem_ctx));  pdb_tdbsam_init((mem_ctx)); }
#define static_decl_auth extern NTSTATUS auth_builtin_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS auth_sam_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS auth_winbind_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS auth_unix_init(TALLOC_CTX *mem_ctx); 
#define static_init_auth(mem_ctx) { auth_builtin_init((mem_ctx));  auth_sam_init((mem_ctx));  auth_winbind_init((mem_ctx));  auth_unix_init((mem_ctx)); }
#define static_decl_nss_info extern NTSTATUS nss_info_template_init(TALLOC_CTX *mem_ctx); 
#define static_init_nss_info(mem_ctx) { nss_info_template_init((mem_ctx)); }
#define static_decl_charset 
#define static_init_charset(mem_ctx) {}
#define static_decl_idmap extern NTSTATUS idmap_tdb_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS idmap_passdb_init(TALLOC_CTX *mem_ctx);  extern NTSTATUS idmap_nss_init(TALLOC_CTX *mem_ctx); 
#define static_init_idmap(mem_ctx) { idmap_tdb_init((mem_ctx));  idmap_passdb_init((mem_ctx));  idmap_nss_init((mem_ctx)); }
#define idmap_autorid_init samba_init_module
#define idmap_rid_init samba_init_module
#define idmap_hash_init samba_init_module
#define idmap_tdb2_init samba_init_module
#define idmap_script_init samba_init_module
#define static_decl_gpext 
#define static_init_gpext(mem_ctx) {}
#define HAVE_PTY_H 1
#define HAVE_OPENPTY 1
#define HAVE_TCP_USER_TIMEOUT 1
#define HAVE_LINUX_SOCKIOS_H 1
#define HAVE_LINUX_ETHTOOL_H 1
#define HAVE_ETHTOOL 1
#define HAVE_LIBTASN1 1
/* #undef HAVE_KRB5_CONST_PAC */
#define SUMMARY_PASSES 1
#define WITH_SMB1SERVER 1

#endif /* W_DEFAULT_INCLUDE_CONFIG_H_WAF */
