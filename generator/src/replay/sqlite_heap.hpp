// SQLite's memory in a pool of its own, apart from the generator's heap.
#pragma once

namespace embedded_migrations::generator {

// Makes SQLite allocate from a pool of its own (std::pmr) rather than from the
// malloc heap the generator shares. Every CREATE makes SQLite walk all its
// tables (sqlite3FkClearTriggerCache, after each schema change) and scan
// sqlite_schema; with the generator's own allocations of each migration
// interleaved between SQLite's, those walks of a 10,000-table replay took a
// fifth longer than SQLite's alone. Must be called before any other SQLite
// call but sqlite3_config(); returns false, leaving SQLite on malloc, when
// SQLite refuses (it was initialized already). Throws nothing.
bool give_sqlite_a_heap_of_its_own() noexcept;

}  // namespace embedded_migrations::generator
