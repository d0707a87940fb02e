#include "print_set.hpp"

#include <db_schema.hpp>

int main() { print_set("db", db::schema::migrations()); }
