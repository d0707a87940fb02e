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

void write_stamp(const fs::path& stamp, std::string_view text) {
  std::error_code ec;
  if (stamp.has_parent_path()) fs::create_directories(stamp.parent_path(), ec);
  std::ofstream out(stamp, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", stamp.string()));
}

bool outputs_are_current(const fs::path& stamp, std::string_view text, const fs::path& depfile,
                         const std::vector<fs::path>& outputs, const fs::path& generator) {
  std::error_code ec;
  const auto stamp_time = fs::last_write_time(stamp, ec);
  if (ec || !holds(stamp, text)) return false;
  const auto generator_time = fs::last_write_time(generator, ec);
  if (ec || generator_time > stamp_time) return false;
  for (const auto& output : outputs) {
    if (!fs::exists(output, ec)) return false;
  }
  const auto inputs = read_depfile_inputs(depfile);
  if (!inputs) return false;
  for (const auto& input : *inputs) {
    const auto input_time = fs::last_write_time(input, ec);
    if (ec || input_time > stamp_time) return false;
  }
  return true;
}

std::string make_depfile(const fs::path& target, const fs::path& directory, const std::vector<fs::path>& inputs) {
  std::string text = escape_for_depfile(target) + ":";
  for (const auto& input : inputs) text += " \\\n  " + escape_for_depfile(input);
  text += " \\\n  " + escape_for_depfile(directory) + "\n";
  return text;
}

std::optional<std::vector<fs::path>> read_depfile_inputs(const fs::path& depfile) {
  std::ifstream in(depfile, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The reverse of escape_for_depfile(): the target up to the first unescaped
  // ':' is skipped, then paths are separated by unescaped blanks and
  // backslash-newlines.
  std::vector<fs::path> inputs;
  std::string path;
  bool in_target = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
      path += text[++i];
    } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      path += text[++i];
    } else if (in_target && c == ':') {
      in_target = false;
      path.clear();
    } else if (c == ' ' || c == '\n' || c == '\\') {
      if (!in_target && !path.empty()) inputs.emplace_back(path);
      path.clear();
    } else {
      path += c;
    }
  }
  if (in_target) return std::nullopt;
  if (!path.empty()) inputs.emplace_back(path);
  return inputs;
}

}  // namespace embedded_migrations::generator
