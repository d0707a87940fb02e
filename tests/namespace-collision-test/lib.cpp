#include <lib_db.hpp>

#include <string_view>

std::string_view library_first_migration() { return db::migrations()[0].filename; }
