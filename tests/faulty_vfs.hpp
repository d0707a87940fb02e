// A SQLite VFS that wraps the default one and fails writes and syncs on demand,
// to test how apply() reports I/O errors on a real database file.
#pragma once

#include <sqlite3.h>

#include <cstring>
#include <string>

namespace test_support {

class faulty_vfs {
 public:
  static constexpr const char* name = "embedded-migrations-faulty";

  static void install() {
    static bool installed = false;
    if (installed) return;
    base_ = sqlite3_vfs_find(nullptr);
    vfs_ = *base_;
    vfs_.zName = name;
    vfs_.szOsFile = static_cast<int>(sizeof(wrapped_file)) + base_->szOsFile;
    vfs_.xOpen = open;
    vfs_.pNext = nullptr;
    sqlite3_vfs_register(&vfs_, 0);
    installed = true;
  }

  static inline bool fail_writes = false;
  // Writes to a file whose path contains this (when not empty) fail with
  // SQLITE_FULL, as on a full disk: a backup's target, say.
  static inline std::string full_for{};

 private:
  struct wrapped_file {
    sqlite3_file base;
    sqlite3_file* real;
    bool full;
  };
  static sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<wrapped_file*>(f)->real; }

  static int close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
  static int read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
  }
  static int write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
    if (fail_writes) return SQLITE_IOERR_WRITE;
    if (reinterpret_cast<wrapped_file*>(f)->full) return SQLITE_FULL;
    return real(f)->pMethods->xWrite(real(f), buffer, amount, offset);
  }
  static int truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
  static int sync(sqlite3_file* f, int flags) {
    if (fail_writes) return SQLITE_IOERR_FSYNC;
    return real(f)->pMethods->xSync(real(f), flags);
  }
  static int file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
  static int lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
  static int unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
  static int check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
  static int file_control(sqlite3_file* f, int op, void* arg) {
    return real(f)->pMethods->xFileControl(real(f), op, arg);
  }
  static int sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
  static int device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }

  static int open(sqlite3_vfs*, sqlite3_filename path, sqlite3_file* f, int flags, int* out_flags) {
    auto* wrapper = reinterpret_cast<wrapped_file*>(f);
    wrapper->real = reinterpret_cast<sqlite3_file*>(wrapper + 1);
    wrapper->full = path != nullptr && !full_for.empty() && std::strstr(path, full_for.c_str()) != nullptr;
    std::memset(wrapper->real, 0, static_cast<std::size_t>(base_->szOsFile));
    const int rc = base_->xOpen(base_, path, wrapper->real, flags, out_flags);
    // Version 1 methods: no shared memory, so no WAL; the rollback journal is what is tested.
    static const sqlite3_io_methods methods = {
        1,      close,       read,   write,   truncate, sync,    file_size, lock,   unlock, check_reserved,
        file_control, sector_size, device, nullptr, nullptr,  nullptr, nullptr,   nullptr, nullptr};
    wrapper->base.pMethods = wrapper->real->pMethods ? &methods : nullptr;
    return rc;
  }

  static inline sqlite3_vfs* base_ = nullptr;
  static inline sqlite3_vfs vfs_{};
};

}  // namespace test_support
