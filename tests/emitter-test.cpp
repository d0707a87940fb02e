// The generated header and source, and how they are written.
#define BOOST_TEST_MODULE emitter
#include <boost/test/unit_test.hpp>

#include "checksum.hpp"
#include "emitter.hpp"
#include "output_files.hpp"

#include "temp_directory.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace embedded_migrations::generator;
using test_support::temp_directory;

namespace {

loaded_migration make(std::int64_t version, std::string filename, std::string sql, bool transactional = true) {
  auto checksum = sha256_hex(sql);
  return {version, std::move(filename), std::move(sql), std::move(checksum), transactional};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(literal_pieces_stay_under_the_msvc_limit_without_splitting_escapes) {
  std::string bytes(50000, 'x');
  for (std::size_t i = 0; i < bytes.size(); i += 7) bytes[i] = '\x01';  // 4-byte escapes everywhere
  std::string out;
  append_string_literal(out, bytes, "    ");
  for (const auto& line : lines_of(out)) {
    BOOST_TEST(line.size() - 4 <= max_literal_piece_bytes);
    BOOST_TEST(line.substr(4, 1) == "\"");
    BOOST_TEST(line.back() == '"');
    // a piece never ends inside an escape: the closing quote is not escaped
    std::size_t backslashes = 0;
    for (auto i = line.size() - 1; i > 0 && line[i - 1] == '\\'; --i) ++backslashes;
    BOOST_TEST(backslashes % 2 == 0u);
  }
}

BOOST_AUTO_TEST_CASE(literal_escapes_what_the_compiler_would_reinterpret) {
  std::string out;
  append_string_literal(out, "a\"b\\c?\?=d\te\x7f\xC3\xA9", "");
  BOOST_TEST(out == "\"a\\\"b\\\\c?\\?=d\\te\\177\\303\\251\"\n");
  out.clear();
  append_string_literal(out, "one\ntwo\n", "  ");
  BOOST_TEST(out == "  \"one\\n\"\n  \"two\\n\"\n");
  out.clear();
  append_string_literal(out, "", "");
  BOOST_TEST(out == "\"\"\n");
}

BOOST_AUTO_TEST_CASE(output_is_deterministic_and_free_of_paths_and_times) {
  const std::vector<loaded_migration> migrations = {make(1, "001_a.sql", "CREATE TABLE a (x);\n"),
                                                    make(2, "002_b-c.sql", "-- no-transaction\nVACUUM;\n", false)};
  const emit_options options{"app::schema", "app/schema.hpp", "app"};
  const auto first = emit(migrations, options);
  const auto second = emit(migrations, options);
  BOOST_TEST(first.header == second.header);
  BOOST_TEST(first.source == second.source);
  for (const auto* text : {&first.header, &first.source}) {
    BOOST_TEST(text->find("/tmp") == std::string::npos);
    BOOST_TEST(text->find("/home") == std::string::npos);
    BOOST_TEST(text->find(__DATE__) == std::string::npos);
  }
  BOOST_TEST(first.header.find("#pragma once") != std::string::npos);
  BOOST_TEST(first.header.find("namespace app::schema {") != std::string::npos);
  BOOST_TEST(first.header.find("static inline const ::embedded_migrations::migration_set& migrations() noexcept {") !=
             std::string::npos);
  BOOST_TEST(first.source.find("#include \"schema.hpp\"") != std::string::npos);
  BOOST_TEST(first.source.find("{2, \"002_b-c.sql\", {sql_002_b_c, 26}, \"" + migrations[1].checksum +
                               "\", false}") != std::string::npos);
  BOOST_TEST(first.source.find("static_assert(sizeof(sql_001_a) == 20 + 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_set_emits_an_empty_migration_set) {
  const auto code = emit({}, {"empty", "empty.hpp"});
  BOOST_TEST(code.source.find("all_migrations{\n    nullptr, 0, \"migrations\", 0, \"\", {}, {}, {},\n    "
                              "::embedded_migrations::foreign_keys_mode::off};") != std::string::npos,
             code.source);
}

BOOST_AUTO_TEST_CASE(the_set_carries_the_tracking_table_it_was_validated_against) {
  const std::vector<loaded_migration> migrations = {{1, "001_a.sql", "SELECT 1;\n", std::string(64, 'a'), true}};
  const auto code = emit(migrations, {"app", "app.hpp", "schema_history"});
  BOOST_TEST(code.source.find("all_migrations{\n    migration_list, 1, \"schema_history\", 0, \"\", {}, {}, {},\n") !=
                 std::string::npos,
             code.source);
}

BOOST_AUTO_TEST_CASE(the_set_carries_the_sqlite_version_and_modules_it_needs) {
  const std::vector<loaded_migration> migrations = {{1, "001_a.sql", "SELECT 1;\n", std::string(64, 'a'), true}};
  const auto code = emit(migrations, {"app", "app.hpp", "migrations"}, {3035000, {"fts5", "rtree"}});
  BOOST_TEST(code.source.find("all_migrations{\n    migration_list, 1, \"migrations\", 3035000, \"fts5,rtree\", {}, {}, {},\n") !=
                 std::string::npos,
             code.source);
}

BOOST_AUTO_TEST_CASE(the_set_carries_the_foreign_key_mode_it_was_replayed_with) {
  const std::vector<loaded_migration> migrations = {{1, "001_a.sql", "SELECT 1;\n", std::string(64, 'a'), true}};
  emit_options options{"app", "app.hpp"};
  BOOST_TEST(emit(migrations, options).source.find("::embedded_migrations::foreign_keys_mode::off};") !=
             std::string::npos);
  options.foreign_keys = true;
  BOOST_TEST(emit(migrations, options).source.find("::embedded_migrations::foreign_keys_mode::on};") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(tracking_table_names_follow_the_runtime_rule) {
  for (const char* good : {"migrations", "schema_history", "_x", "T1"}) BOOST_TEST(!check_table_name(good), good);
  const std::vector<std::string> bad_names = {"", "1st", "sqlite_x", "SQLITE_x", "my-table", "a b", "x\"y",
                                              std::string(65, 'a')};
  for (const auto& bad : bad_names) {
    BOOST_TEST(check_table_name(bad).has_value(), bad);
  }
  BOOST_TEST(!check_table_name(std::string(64, 'a')));
}

BOOST_AUTO_TEST_CASE(schema_and_destructive_effects_are_embedded_as_escaped_literals) {
  const std::vector<loaded_migration> migrations = {make(1, "001_a.sql", "CREATE TABLE \"a\" (x);\n"),
                                                    make(2, "002_b.sql", "DROP TABLE \"a\";\n")};
  emit_options options{"app", "app.hpp"};
  options.schema = "-- header\n\nCREATE TABLE \"b\" (y);\n";
  options.destructive = {"", "drops table \"a\""};
  const auto code = emit(migrations, options);
  BOOST_TEST(code.source.find("\", true}") != std::string::npos);  // nothing destroyed: nothing embedded
  BOOST_TEST(code.source.find("\", true, \"drops table \\\"a\\\"\"}") != std::string::npos, code.source);
  BOOST_TEST(code.source.find("constexpr char schema_text[] =\n    \"-- header\\n\"\n") != std::string::npos);
  BOOST_TEST(code.source.find("all_migrations{\n    migration_list, 2, \"migrations\", 0, \"\", {schema_text, 33}, {}, {},\n") != std::string::npos,
             code.source);
  BOOST_TEST(emit({}, options).source.find("all_migrations{\n    nullptr, 0, \"migrations\", 0, \"\", {schema_text, 33}, {}, {},\n") != std::string::npos);
  options.fresh_snapshot_refusal = "001_a.sql runs outside a transaction";
  BOOST_TEST(emit(migrations, options).source.find("{schema_text, 33}, {}, {fresh_snapshot_refusal, 36},\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(namespace_and_header_names_are_checked) {
  BOOST_TEST(!check_namespace("app"));
  BOOST_TEST(!check_namespace("app::schema::v2"));
  BOOST_TEST(!check_namespace("_private"));
  BOOST_TEST(check_namespace("").has_value());
  BOOST_TEST(check_namespace("::app").has_value());
  BOOST_TEST(check_namespace("app::").has_value());
  BOOST_TEST(check_namespace("my-app").has_value());
  BOOST_TEST(check_namespace("9lives").has_value());
  BOOST_TEST(check_namespace("app::class").has_value());
  BOOST_TEST(check_namespace("_Reserved").has_value());
  BOOST_TEST(check_namespace("a__b").has_value());
  for (const char* name : {"linux", "app::unix", "NULL", "errno", "EOF", "main", "sqlite3", "assert", "stdin",
                           "stdout", "stderr", "major", "db::minor"}) {
    BOOST_TEST_INFO(name);
    BOOST_TEST(check_namespace(name).has_value());
  }
  BOOST_TEST(check_namespace("linux_schema::major_version").has_value() == false);

  BOOST_TEST(!check_header_name("app_schema.hpp"));
  BOOST_TEST(!check_header_name("app/schema.h"));
  BOOST_TEST(check_header_name("/abs/schema.hpp").has_value());
  BOOST_TEST(check_header_name("../schema.hpp").has_value());
  BOOST_TEST(check_header_name("schema.cpp").has_value());
  BOOST_TEST(check_header_name("my schema.hpp").has_value());
  BOOST_TEST(source_name_for("app/schema.hpp") == "app/schema.cpp");
}

BOOST_AUTO_TEST_CASE(unchanged_output_keeps_its_timestamp) {
  temp_directory dir;
  const auto file = dir.path() / "sub" / "out.cpp";
  BOOST_TEST(write_if_changed(file, "one"));
  const auto first_time = std::filesystem::last_write_time(file);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  BOOST_TEST(!write_if_changed(file, "one"));
  BOOST_TEST((std::filesystem::last_write_time(file) == first_time));
  BOOST_TEST(write_if_changed(file, "two"));
  BOOST_TEST(test_support::read_bytes(file) == "two");
  BOOST_TEST(!std::filesystem::exists(dir.path() / "sub" / "out.cpp.tmp"));
}

BOOST_AUTO_TEST_CASE(depfile_lists_inputs_and_the_directory_with_make_escapes) {
  const auto text = make_depfile("/b/out dir/x.hpp", "/src/mig rations", {"/src/mig rations/001_a.sql"});
  BOOST_TEST(text == "/b/out\\ dir/x.hpp: \\\n  /src/mig\\ rations/001_a.sql \\\n  /src/mig\\ rations\n");
}

BOOST_AUTO_TEST_CASE(depfile_inputs_read_back_as_written) {
  const std::vector<std::filesystem::path> inputs = {"/src/mig rations/001_a.sql", "/src/a#b/$x\\y.sql"};
  const auto text = make_depfile("/b/out dir/x.stamp", "/src/mig rations", inputs);
  temp_directory dir;
  const auto depfile = dir.path() / "x.d";
  write_if_changed(depfile, text);
  const auto read = read_depfile_inputs(depfile);
  BOOST_REQUIRE(read.has_value());
  const std::vector<std::filesystem::path> expected = {inputs[0], inputs[1], "/src/mig rations"};
  BOOST_TEST((*read == expected));
  BOOST_TEST(!read_depfile_inputs(dir.path() / "missing.d").has_value());
}

BOOST_AUTO_TEST_CASE(outputs_are_current_until_an_input_or_the_generator_changes_or_the_arguments_differ) {
  temp_directory dir;
  const auto input = dir.path() / "001_a.sql";
  const auto header = dir.path() / "x.hpp";
  const auto stamp = dir.path() / "x.stamp";
  const auto depfile = dir.path() / "x.d";
  write_if_changed(input, "SELECT 1;\n");
  write_if_changed(header, "// header\n");
  write_if_changed(depfile, make_depfile(stamp, dir.path(), {input}));
  const auto generator = dir.path() / "embed-migrations";
  write_if_changed(generator, "v1");
  BOOST_TEST(!outputs_are_current(stamp, "args", depfile, {header}, generator));  // never ran
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_stamp(stamp, "args");
  BOOST_TEST(outputs_are_current(stamp, "args", depfile, {header}, generator));
  BOOST_TEST(!outputs_are_current(stamp, "other args", depfile, {header}, generator));
  BOOST_TEST(!outputs_are_current(stamp, "args", depfile, {header, dir.path() / "x.cpp"}, generator));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_if_changed(input, "SELECT 2;\n");
  BOOST_TEST(!outputs_are_current(stamp, "args", depfile, {header}, generator));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_stamp(stamp, "args");
  BOOST_TEST(outputs_are_current(stamp, "args", depfile, {header}, generator));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_if_changed(generator, "v2");  // rebuilt
  BOOST_TEST(!outputs_are_current(stamp, "args", depfile, {header}, generator));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_stamp(stamp, "args");
  BOOST_TEST(outputs_are_current(stamp, "args", depfile, {header}, generator));
  std::filesystem::remove(input);
  BOOST_TEST(!outputs_are_current(stamp, "args", depfile, {header}, generator));
}

BOOST_AUTO_TEST_CASE(header_text_is_the_same_whatever_the_migrations) {
  // Adding, editing or removing a migration recompiles the generated source only.
  const emit_options options{"app::schema", "app_schema.hpp", "migrations", "app"};
  const auto one = emit({make(1, "001_a.sql", "CREATE TABLE a (x);\n")}, options);
  const auto two = emit({make(1, "001_a.sql", "CREATE TABLE a (x, y);\n"), make(2, "002_b.sql", "SELECT 1;\n")},
                        options);
  const auto none = emit({}, options);
  BOOST_TEST(one.header == two.header);
  BOOST_TEST(one.header == none.header);
  BOOST_TEST(one.source != two.source);
}

BOOST_AUTO_TEST_CASE(each_owner_has_its_own_function_and_every_set_claims_its_namespace) {
  const auto lib = emit({}, {"db", "db.hpp", "migrations", "db-lib"});
  const auto app = emit({}, {"db", "db.hpp", "migrations", "db_lib"});
  const auto function_of = [](const std::string& header) {
    const auto start = header.find("migrations_of_db_lib_");
    return header.substr(start, header.find('(', start) - start);
  };
  BOOST_TEST(function_of(lib.header) != function_of(app.header));
  BOOST_TEST(lib.source.find(function_of(lib.header) + "() noexcept { return all_migrations; }") !=
             std::string::npos);
  for (const auto* source : {&lib.source, &app.source}) {
    BOOST_TEST(source->find("\nconst char migrations_namespace_claim = 0;\n") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(add_embedded_migrations_refuses_the_same_namespace_names) {
  // The words of set(_embedded_migrations_reserved_names ...), comments skipped.
  std::ifstream in(ADD_EMBEDDED_MIGRATIONS_CMAKE);
  std::string line;
  bool inside = false;
  std::set<std::string> cmake_names;
  while (std::getline(in, line)) {
    if (line == "set(_embedded_migrations_reserved_names") {
      inside = true;
    } else if (inside && line == ")") {
      break;
    } else if (inside && line.find('#') == std::string::npos) {
      std::istringstream words(line);
      for (std::string word; words >> word;) cmake_names.insert(word);
    }
  }
  const auto& names = reserved_namespace_names();
  const std::set<std::string> generator_names(names.begin(), names.end());
  BOOST_TEST(cmake_names.size() > 100u);
  BOOST_TEST((cmake_names == generator_names));
  for (const auto& name : generator_names) {
    BOOST_TEST_INFO(name);
    BOOST_TEST(check_namespace(name).has_value());
  }
}
