// Stands for the app's test executable: the same set, through the same library.
#include "print_set.hpp"

#include <app_schema.hpp>

int main() { print_set("app_test", app::schema::migrations()); }
