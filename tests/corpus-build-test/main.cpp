#include <corpus.hpp>

#include <cstring>

// With an argument: the tracking table the generated set must name (TABLE).
int main(int argc, char** argv) {
  if (corpus::migrations().empty()) return 1;
  if (argc > 1 && corpus::migrations().table_name() != argv[1]) return 2;
  return 0;
}
