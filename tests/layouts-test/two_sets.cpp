#include "print_set.hpp"

#include <audit/schema.h>
#include <main_schema.hpp>

int main() {
  print_set("main", two::primary::migrations());
  print_set("audit", two::audit::migrations());
}
