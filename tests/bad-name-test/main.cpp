#include <bad_migrations.hpp>

int main() { return static_cast<int>(bad_migrations::migrations().size()); }
