#include "print_set.hpp"

#include <db-schema.hpp>
#include <db/schema.hpp>

int main() {
  print_set("dash", dash::migrations());
  print_set("slash", slash::migrations());
}
