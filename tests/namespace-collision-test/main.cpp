// Prints which set each side sees; without the guarantee both print 001_app.sql.
#include <app_db.hpp>

#include <cstdio>
#include <string_view>

std::string_view library_first_migration();

int main() {
  const auto library = library_first_migration();
  const auto app = db::migrations()[0].filename;
  std::printf("library %.*s, app %.*s\n", static_cast<int>(library.size()), library.data(),
              static_cast<int>(app.size()), app.data());
}
