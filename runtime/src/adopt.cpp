#include <embedded_migrations/adopt.hpp>

namespace embedded_migrations {
namespace {

struct format_name {
  adopt_format format;
  std::string_view name;
};

// The spellings `embed-migrations import --from` and `apply --adopt` take.
constexpr format_name format_names[] = {
    {adopt_format::none, "none"},         {adopt_format::sqlx, "sqlx"},
    {adopt_format::goose, "goose"},       {adopt_format::golang_migrate, "golang-migrate"},
    {adopt_format::dbmate, "dbmate"},     {adopt_format::diesel, "diesel"},
    {adopt_format::refinery, "refinery"}, {adopt_format::flyway, "flyway"},
    {adopt_format::sql_migrate, "sql-migrate"},
};

}  // namespace

const char* to_string(adopt_format format) noexcept {
  for (const auto& entry : format_names) {
    if (entry.format == format) return entry.name.data();
  }
  return "unknown";
}

std::optional<adopt_format> adopt_format_from_string(std::string_view name) noexcept {
  for (const auto& entry : format_names) {
    if (entry.name == name) return entry.format;
  }
  return std::nullopt;
}

}  // namespace embedded_migrations
