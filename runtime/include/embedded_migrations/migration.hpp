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
};

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

  constexpr const_iterator begin() const noexcept { return first_; }
  constexpr const_iterator end() const noexcept { return first_ + count_; }
  constexpr std::size_t size() const noexcept { return count_; }
  constexpr bool empty() const noexcept { return count_ == 0; }
  constexpr const migration& operator[](std::size_t index) const noexcept { return first_[index]; }
  // The tracking table the set was built against; empty for a set built by
  // hand without one (apply() and status() then use "migrations").
  constexpr std::string_view table_name() const noexcept { return table_name_; }

 private:
  const migration* first_ = nullptr;
  std::size_t count_ = 0;
  std::string_view table_name_;
};

}  // namespace embedded_migrations
