// The name `embed-migrations new` gives the next migration of a directory.
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

struct next_name {
  std::string filename;  // set when the description makes a valid name
  std::string problem;   // otherwise, why not
};

// The next file name in the directory's convention: UTC timestamps
// (YYYYMMDDHHMMSS) when its newest migration uses one, else the next number
// zero-padded like the newest ("007_" after "006_"); "001_" in an empty
// directory. Spaces and punctuation in the description become '_' ("add user
// email" → add_user_email). A problem when no valid version follows the
// newest (9223372036854775807, or a timestamp past 9999) or the description
// still makes no valid name.
next_name next_migration_filename(const std::vector<std::string>& existing, std::string_view description,
                                  std::time_t now);

// What a new migration file starts with: a comment on what to do next, the
// same for every file (it names none, so renaming one leaves it true).
std::string new_migration_text();

}  // namespace embedded_migrations::generator
