// Writing generated files so that unchanged output keeps its timestamp.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

namespace embedded_migrations::generator {

// Writes `content` unless the file already holds exactly it, so the build does
// not recompile what did not change. Writes through a temporary file and a
// rename, so a crash never leaves half a file. Throws std::runtime_error.
bool write_if_changed(const std::filesystem::path& path, std::string_view content);

// Writes `text` to the stamp, which also updates its modification time, even
// when the text is the same. Throws std::runtime_error.
void write_stamp(const std::filesystem::path& stamp, std::string_view text);

// True when a previous run left every output, a stamp holding exactly `text`
// and newer than `generator` (the running executable), and a depfile whose
// every input still exists and is not newer than the stamp: the outputs are
// what a run would write. For Make, which runs the rule more often than
// needed (see cmake/AddEmbeddedMigrations.cmake).
bool outputs_are_current(const std::filesystem::path& stamp, std::string_view text,
                         const std::filesystem::path& depfile, const std::vector<std::filesystem::path>& outputs,
                         const std::filesystem::path& generator);

// A Make-style depfile: `target` depends on every input and on the directory
// itself, whose timestamp changes when a file is added, removed or renamed.
std::string make_depfile(const std::filesystem::path& target, const std::filesystem::path& directory,
                         const std::vector<std::filesystem::path>& inputs);

// The inputs of a depfile make_depfile() wrote, or nullopt when it cannot be read.
std::optional<std::vector<std::filesystem::path>> read_depfile_inputs(const std::filesystem::path& depfile);

}  // namespace embedded_migrations::generator
