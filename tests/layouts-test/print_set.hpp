// Prints a set's file names, one a line, after a label.
#pragma once

#include <embedded_migrations/migration.hpp>

#include <cstdio>

inline void print_set(const char* label, const embedded_migrations::migration_set& set) {
  for (const auto& m : set) {
    std::printf("%s %.*s\n", label, static_cast<int>(m.filename.size()), m.filename.data());
  }
}
