#include "output_files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace embedded_migrations::generator {
namespace fs = std::filesystem;
namespace {

bool holds(const fs::path& path, std::string_view content) {
  std::error_code ec;
  if (fs::file_size(path, ec) != content.size() || ec) return false;
  std::ifstream in(path, std::ios::binary);
  const std::string existing((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return existing == content;
}

std::string escape_for_depfile(const fs::path& path) {
  std::string escaped;
  for (const char c : fs::absolute(path).lexically_normal().generic_string()) {
    if (c == ' ' || c == '#' || c == '\\') escaped += '\\';
    if (c == '$') escaped += '$';
    escaped += c;
  }
  return escaped;
}

}  // namespace

bool write_if_changed(const fs::path& path, std::string_view content) {
  if (holds(path, content)) return false;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message()));
  fs::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", temporary.string()));
  }
  fs::rename(temporary, path, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot replace {}: {}", path.string(), ec.message()));
  return true;
}

std::string make_depfile(const fs::path& target, const fs::path& directory, const std::vector<fs::path>& inputs) {
  std::string text = escape_for_depfile(target) + ":";
  for (const auto& input : inputs) text += " \\\n  " + escape_for_depfile(input);
  text += " \\\n  " + escape_for_depfile(directory) + "\n";
  return text;
}

}  // namespace embedded_migrations::generator
