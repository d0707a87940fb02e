// One embedded migration and the ordered set the generator emits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace embedded_migrations {

// A migration as the generator embeds it. Every view points into constant data
// that lives as long as the program, so copying a migration is cheap. Every
// member has a default, so designated initializers may name only some of them;
// it stays an aggregate, which the generated constexpr arrays need.
struct migration {
  std::int64_t version = 0;     // numeric prefix of the file name: 7 for 007_add_users.sql
  std::string_view filename{};  // "007_add_users.sql"
  std::string_view sql{};       // normalized text: UTF-8, LF line endings, no BOM
  std::string_view checksum{};  // lowercase hex SHA-256 of `sql`
  bool transactional = true;    // false when the file starts with "-- no-transaction"
  // What the migration destroys or renames, as the build found by comparing
  // the schema before and after it ("drops column users.legacy_id"); empty
  // when nothing. apply() reports it in an event_kind::destructive event.
  std::string_view destructive = {};
};

// The PRAGMA foreign_keys setting a set was built for (FOREIGN_KEYS in
// add_embedded_migrations, --foreign-keys on the CLI): the build replays the
// migrations with it, and apply() runs them with it, then sets the
// connection back as it was.
enum class foreign_keys_mode {
  unspecified,  // a set built by hand: apply() leaves the connection's setting alone
  off,          // SQLite's own default, and the generator's
  on,
};

// "unspecified", "off" or "on".
const char* to_string(foreign_keys_mode mode) noexcept;

// A read-only view of migrations in strictly increasing version order.
class migration_set {
 public:
  using value_type = migration;
  using const_iterator = const migration*;
  using iterator = const_iterator;
  using size_type = std::size_t;

  constexpr migration_set() noexcept = default;
  constexpr migration_set(const migration* first, std::size_t count) noexcept
      : first_(first), count_(count) {}
  // A set that names its tracking table, as the generator emits it (TABLE in
  // add_embedded_migrations, --table on the CLI): the build validated the
  // migrations against that name, so apply() and status() use it unless
  // options::table_name overrides it.
  constexpr migration_set(const migration* first, std::size_t count, std::string_view table_name) noexcept
      : first_(first), count_(count), table_name_(table_name) {}
  // A set that also carries the schema its migrations produce, in the
  // snapshot's canonical text, for verify_schema() and options::verify_schema.
  constexpr migration_set(const migration* first, std::size_t count, std::string_view table_name,
                          std::string_view schema) noexcept
      : first_(first), count_(count), table_name_(table_name), schema_(schema) {}
  // ... and the build's verdict on options::fresh_from_snapshot: the SQL
  // script that gives an empty database the final schema and rows, or, when
  // the build could not prove that equivalent to running the migrations, why.
  constexpr migration_set(const migration* first, std::size_t count, std::string_view table_name,
                          std::string_view schema, std::string_view fresh_snapshot,
                          std::string_view fresh_snapshot_refusal) noexcept
      : first_(first),
        count_(count),
        table_name_(table_name),
        schema_(schema),
        fresh_snapshot_(fresh_snapshot),
        fresh_snapshot_refusal_(fresh_snapshot_refusal) {}
  // A set that also states what it needs of the application's SQLite, as the
  // generator emits it: the oldest release with every feature the migrations
  // use (3035000 for 3.35.0, as sqlite3_libversion_number() counts; 0: any),
  // and the virtual-table modules they create, comma-separated ("fts5,rtree").
  // apply() refuses an older SQLite, or one without a module, before writing.
  constexpr migration_set(const migration* first, std::size_t count, std::string_view table_name,
                          int required_sqlite_version, std::string_view required_modules) noexcept
      : first_(first),
        count_(count),
        table_name_(table_name),
        required_sqlite_version_(required_sqlite_version),
        required_modules_(required_modules) {}
  // Everything the generator embeds, as it emits every set.
  constexpr migration_set(const migration* first, std::size_t count, std::string_view table_name,
                          int required_sqlite_version, std::string_view required_modules, std::string_view schema,
                          std::string_view fresh_snapshot, std::string_view fresh_snapshot_refusal,
                          foreign_keys_mode foreign_keys = foreign_keys_mode::unspecified) noexcept
      : first_(first),
        count_(count),
        table_name_(table_name),
        schema_(schema),
        fresh_snapshot_(fresh_snapshot),
        fresh_snapshot_refusal_(fresh_snapshot_refusal),
        required_sqlite_version_(required_sqlite_version),
        required_modules_(required_modules),
        foreign_keys_(foreign_keys) {}

  constexpr const_iterator begin() const noexcept { return first_; }
  constexpr const_iterator end() const noexcept { return first_ + count_; }
  constexpr std::size_t size() const noexcept { return count_; }
  constexpr bool empty() const noexcept { return count_ == 0; }
  constexpr const migration& operator[](std::size_t index) const noexcept { return first_[index]; }
  // The tracking table the set was built against; empty for a set built by
  // hand without one (apply() and status() then use "migrations").
  constexpr std::string_view table_name() const noexcept { return table_name_; }
  // The canonical schema text after every migration; empty when the set was
  // built without one (by hand, or generated with validation off).
  constexpr std::string_view schema() const noexcept { return schema_; }
  // The script options::fresh_from_snapshot runs; empty when the set is not eligible.
  constexpr std::string_view fresh_snapshot() const noexcept { return fresh_snapshot_; }
  // Why the set is not eligible (empty when it is, or when the build did not decide).
  constexpr std::string_view fresh_snapshot_refusal() const noexcept { return fresh_snapshot_refusal_; }
  // The oldest SQLite the set runs on, as sqlite3_libversion_number() counts;
  // 0 when the set states none.
  constexpr int required_sqlite_version() const noexcept { return required_sqlite_version_; }
  // The virtual-table modules the migrations create, comma-separated, sorted; empty for none.
  constexpr std::string_view required_modules() const noexcept { return required_modules_; }
  // The foreign-key setting apply() runs the migrations with.
  constexpr foreign_keys_mode foreign_keys() const noexcept { return foreign_keys_; }

 private:
  const migration* first_ = nullptr;
  std::size_t count_ = 0;
  std::string_view table_name_;
  std::string_view schema_;
  std::string_view fresh_snapshot_;
  std::string_view fresh_snapshot_refusal_;
  int required_sqlite_version_ = 0;
  std::string_view required_modules_;
  foreign_keys_mode foreign_keys_ = foreign_keys_mode::unspecified;
};

}  // namespace embedded_migrations
