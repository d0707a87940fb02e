#include <corpus.hpp>

#include <cstring>
#include <string>

// --table NAME: the tracking table the generated set must name (TABLE).
// --foreign-keys on|off: the foreign-key mode it must embed (FOREIGN_KEYS).
int main(int argc, char** argv) {
  if (corpus::migrations().empty()) return 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i], value = argv[i + 1];
    if (option == "--table" && corpus::migrations().table_name() != value) return 2;
    if (option == "--foreign-keys" && to_string(corpus::migrations().foreign_keys()) != value) return 3;
  }
  return 0;
}
