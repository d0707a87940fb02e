// Fuzzes what the generator does with a migration file's bytes: normalization,
// the content checks and the SQL replay, and the emitter's string literal,
// which must decode back to the exact input bytes. The replay runs each input
// twice, as a transactional and as a -- no-transaction migration, against a
// tracking table of its own name, so the authorizer and the transaction rules
// see every input both ways; it must never crash, never create a file (not
// even a temporary one, which SQLite unlinks at once: inotify sees it), and
// never run a statement of a transactional migration outside its transaction.
#include "checksum.hpp"
#include "emitter.hpp"
#include "migration_content.hpp"
#include "source_text.hpp"
#include "checks/populated_tables.hpp"
#include "replay/replay.hpp"

#include <sqlite3.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

using namespace embedded_migrations::generator;

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// Decodes what append_string_literal() writes: lines of "..." with the
// escapes it uses. Anything else is a failure, so a new escape is caught too.
std::optional<std::string> decode_literal(std::string_view source) {
  std::string bytes;
  std::size_t i = 0;
  while (i < source.size()) {
    const auto line_end = source.find('\n', i);
    if (line_end == std::string_view::npos) return std::nullopt;
    const auto line = source.substr(i, line_end - i);
    i = line_end + 1;
    if (line.size() < 2 || line.front() != '"' || line.back() != '"') return std::nullopt;
    if (line.size() > max_literal_piece_bytes) return std::nullopt;
    const auto body = line.substr(1, line.size() - 2);
    for (std::size_t k = 0; k < body.size(); ++k) {
      const char c = body[k];
      if (c == '"') return std::nullopt;
      if (c != '\\') {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return std::nullopt;
        if (c == '?' && k > 0 && body[k - 1] == '?') return std::nullopt;  // a trigraph could start here
        bytes.push_back(c);
        continue;
      }
      if (++k >= body.size()) return std::nullopt;
      switch (body[k]) {
        case 'n': bytes.push_back('\n'); break;
        case 't': bytes.push_back('\t'); break;
        case '"': bytes.push_back('"'); break;
        case '\\': bytes.push_back('\\'); break;
        case '?': bytes.push_back('?'); break;
        default: {
          if (k + 2 >= body.size()) return std::nullopt;
          int value = 0;
          for (int d = 0; d < 3; ++d) {
            const char digit = body[k + static_cast<std::size_t>(d)];
            if (digit < '0' || digit > '7') return std::nullopt;
            value = value * 8 + (digit - '0');
          }
          bytes.push_back(static_cast<char>(value));
          k += 2;
        }
      }
    }
  }
  return bytes;
}

// Watches the working directory and SQLite's temporary directory for any file
// created; set up once, read after every input.
int file_watch = -1;

char temporary_directory[] = "/tmp/migration-fuzzer-tmp-XXXXXX";

void watch_for_created_files() {
  if (!mkdtemp(temporary_directory)) __builtin_trap();
  setenv("SQLITE_TMPDIR", temporary_directory, 1);
  std::atexit([] { rmdir(temporary_directory); });  // empty, as the fuzzer requires
  file_watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  require(file_watch >= 0);
  require(inotify_add_watch(file_watch, temporary_directory, IN_CREATE) >= 0);
  require(inotify_add_watch(file_watch, ".", IN_CREATE) >= 0);
}

void require_no_file_created() {
  char events[4096];
  require(read(file_watch, events, sizeof events) < 0);
}

// Bounds each replay: long-running SQL (a recursive CTE) is not a finding.
int vm_steps = 0;
int stop_long_statements(void*) { return ++vm_steps > 20000; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  watch_for_created_files();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  // A Windows checkout of the normalized file (BOM, CRLF) normalizes back to it,
  // so its checksum is the same. (Not idempotence: only one BOM is stripped, and
  // a second one is content.)
  const std::string normalized = normalize_source(raw);
  require(normalized.find('\r') == std::string::npos);
  require(normalized.size() <= raw.size());
  std::string windows_checkout = "\xEF\xBB\xBF";
  for (const char c : normalized) windows_checkout += c == '\n' ? std::string("\r\n") : std::string(1, c);
  require(normalize_source(windows_checkout) == normalized);

  std::string literal;
  append_string_literal(literal, raw, "");
  const auto decoded = decode_literal(literal);
  require(decoded.has_value() && *decoded == raw);

  const auto content = check_content(raw);
  if (!content.problems.empty() || size > 4096) return 0;
  require(!find_invalid_utf8(content.sql).has_value());
  replay_options options;
  options.functions = {{"uuid", 0}};
  options.tracking_table = "fuzz_history";
  // 4 KiB of SQL in 20 000 steps needs little; a bigger bound only makes inputs
  // like randomblob(1000000) per row slow enough to time out, which is no finding.
  options.limits.memory_mib = 32;
  options.configure_connection = [](sqlite3* db) {
    vm_steps = 0;
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
    sqlite3_progress_handler(db, 100, stop_long_statements, nullptr);
  };
  // Every statement before this one succeeded (the runner stops at the first
  // failure), so a transactional migration must still be inside our BEGIN.
  options.before_statement = [](sqlite3* db, bool transactional) {
    if (transactional) require(!sqlite3_get_autocommit(db));
  };
  // The populated-table probe runs SQL of its own between the migration's
  // statements: the invariant above and the sandbox hold around it too.
  populated_tables_check populated;
  options.checks.push_back(&populated);
  for (const bool transactional : {true, false}) {
    const std::vector<loaded_migration> migrations = {
        {1, "001_fuzz.sql", content.sql, sha256_hex(content.sql), transactional}};
    std::vector<diagnostic> diagnostics;
    replay_migrations(migrations, "fuzz", options, diagnostics);
    require_no_file_created();
  }
  return 0;
}
