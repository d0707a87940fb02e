#include "replay/sqlite_heap.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory_resource>
#include <new>

namespace embedded_migrations::generator {
namespace {

// The schema's objects are small; a database page (4 KiB and SQLite's
// header, for every table's and index's root page) and anything larger come
// from malloc: the pool's size classes would waste a third of each page, and
// the pool keeps the blocks it does not pool in one sorted vector, which
// every such allocation and release shifts.
constexpr std::size_t largest_pooled = 4096;

// Never destroyed: SQLite may free what it holds after main() returns.
std::pmr::memory_resource& pool() {
  static auto* resource = new std::pmr::unsynchronized_pool_resource(
      std::pmr::pool_options{0, largest_pooled}, std::pmr::new_delete_resource());
  return *resource;
}

// Each allocation is preceded by its size, which SQLite asks for (xSize),
// and which says where the block came from. 8 bytes keep SQLite's 8-byte
// alignment.
constexpr std::size_t header = 8;

int round_up(int n) { return (n + 7) & ~7; }

void* allocate(int n) {
  if (n <= 0) return nullptr;
  const auto size = static_cast<std::size_t>(round_up(n));
  unsigned char* base = nullptr;
  if (size + header > largest_pooled) {
    base = static_cast<unsigned char*>(std::malloc(size + header));
    if (!base) return nullptr;  // SQLite reports SQLITE_NOMEM
  } else {
    try {
      base = static_cast<unsigned char*>(pool().allocate(size + header, 8));
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
  }
  const std::uint64_t stored = size;
  std::memcpy(base, &stored, sizeof stored);
  return base + header;
}

int size_of(void* p) {
  if (!p) return 0;
  std::uint64_t stored = 0;
  std::memcpy(&stored, static_cast<unsigned char*>(p) - header, sizeof stored);
  return static_cast<int>(stored);
}

void release(void* p) {
  if (!p) return;
  const auto size = static_cast<std::size_t>(size_of(p));
  auto* base = static_cast<unsigned char*>(p) - header;
  if (size + header > largest_pooled) {
    std::free(base);
  } else {
    pool().deallocate(base, size + header, 8);
  }
}

void* reallocate(void* p, int n) {
  void* moved = allocate(n);
  if (!moved) return nullptr;  // SQLite keeps the old block
  std::memcpy(moved, p, static_cast<std::size_t>(std::min(size_of(p), round_up(n))));
  release(p);
  return moved;
}

int start(void*) { return SQLITE_OK; }
void stop(void*) {}

}  // namespace

bool give_sqlite_a_heap_of_its_own() noexcept {
  // SQLite calls these under its memory mutex, as it counts memory
  // (SQLITE_CONFIG_MEMSTATUS, which main() turns on): the pool needs no lock.
  static const sqlite3_mem_methods methods = {allocate, release, reallocate, size_of, round_up, start, stop, nullptr};
  return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
}

}  // namespace embedded_migrations::generator
