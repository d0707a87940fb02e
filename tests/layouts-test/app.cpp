#include "print_set.hpp"

#include <app_schema.hpp>

int main() { print_set("app", app::schema::migrations()); }
