// Writing generated files so that unchanged output keeps its timestamp.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

// Writes `content` unless the file already holds exactly it, so the build does
// not recompile what did not change. Writes through a temporary file and a
// rename, so a crash never leaves half a file. Throws std::runtime_error.
bool write_if_changed(const std::filesystem::path& path, std::string_view content);

// A Make-style depfile: `target` depends on every input and on the directory
// itself, whose timestamp changes when a file is added, removed or renamed.
std::string make_depfile(const std::filesystem::path& target, const std::filesystem::path& directory,
                         const std::vector<std::filesystem::path>& inputs);

}  // namespace embedded_migrations::generator
