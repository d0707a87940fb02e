#!/usr/bin/env python3
"""embed-migrations --format json and --format github, read back the way a script or GitHub reads them.

Usage: output-formats-test.py EMBED_MIGRATIONS CORPUS_DIR GROUP

Test organisation (one ctest entry per group):
  check-json    every corpus case: the JSON diagnostics' fields equal the case's `expected` lines
  check-github  every bad case, and a file name holding % , : CR LF: the workflow commands,
                unescaped as the runner does, equal the `expected` lines
  status-json   a database made with `embed-migrations apply`: rows, checksums, requirements,
                exit codes, the same bytes on every run
  errors        an error that stops a command is a JSON document on stdout, exit code unchanged;
                the human message stays on stderr; status refuses --format github
  readme        the README's examples are documents and commands these rules accept
  readme-diagnostics  each README example marked <!-- readme-example: CASE --> is, line for line,
                what check prints for that corpus case laid out as migrations/ (and seed/)
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXE, CORPUS, GROUP = sys.argv[1], Path(sys.argv[2]), sys.argv[3]

# "path:line:col: severity: message", as tests/data/validation/bad/<case>/expected lists them.
DIAGNOSTIC = re.compile(r"^(.*):(\d+):(\d+): (error|note): (.*)$", re.S)
# "::command k=v,k=v::message" (actions/toolkit packages/core/src/command.ts, Command.toString).
WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def fail(message):
    raise AssertionError(message)


def run(*args, expect_code):
    result = subprocess.run([EXE, *args], capture_output=True)
    if result.returncode != expect_code:
        fail(f"{args}: exit {result.returncode}, expected {expect_code}\n"
             f"stdout:\n{result.stdout.decode(errors='replace')}\nstderr:\n{result.stderr.decode(errors='replace')}")
    return result


def sorted_object(pairs):
    keys = [key for key, _ in pairs]
    if keys != sorted(keys):
        fail(f"keys not sorted: {keys}")
    return dict(pairs)


def parse_document(stdout):
    """The whole of stdout as one JSON document with sorted keys and format_version 1."""
    doc = json.loads(stdout.decode("utf-8"), object_pairs_hook=sorted_object)
    if doc.get("format_version") != 1:
        fail(f"format_version is not 1: {doc}")
    return doc


def case_arguments(case_dir):
    arguments = ["check", "--dir", str(case_dir)]
    functions = case_dir / "functions"
    if functions.exists():
        for name in functions.read_text().splitlines():
            arguments += ["--function", name]
    seeds = case_dir / "seed"  # seed files, as validation_case.cmake passes them
    if seeds.is_dir():
        arguments += ["--seed-dir", str(seeds)]
    extra = case_dir / "args"  # one argument per line, as validation_case.cmake reads it
    if extra.exists():
        arguments += [line for line in extra.read_text().splitlines() if line]
    return arguments


def expected_diagnostics(case_dir):
    """The case's `expected` lines as (path, line, column, severity, message)."""
    rows = []
    for text in (case_dir / "expected").read_text(encoding="utf-8").splitlines():
        text = f"{case_dir}{text}" if text.startswith(":") else f"{case_dir}/{text}"
        match = DIAGNOSTIC.match(text)
        if not match:
            fail(f"unreadable expected line: {text}")
        path, line, column, severity, message = match.groups()
        rows.append((path, int(line), int(column), severity, message))
    return rows


def matches(expected, actual):
    """The same place and severity, and a message that starts with the expected one: `expected` may
    stop before the end of a long message, as validation_case.cmake looks its lines up as substrings."""
    return expected[:4] == actual[:4] and actual[4].startswith(expected[4])


def expect_same_diagnostics(case_dir, actual):
    """Every expected diagnostic is there, with as many errors as expected (validation_case.cmake's rule)."""
    expected = expected_diagnostics(case_dir)
    for row in expected:
        if not any(matches(row, candidate) for candidate in actual):
            fail(f"{case_dir.name}: expected {row}\ngot {actual}")
    errors = [row for row in actual if row[3] == "error"]
    if len(errors) != sum(1 for row in expected if row[3] == "error"):
        fail(f"{case_dir.name}: expected the errors of {expected}\ngot {errors}")


def diagnostic_rows(doc):
    rows = []
    for d in doc["diagnostics"]:
        if sorted(d) != ["column", "line", "message", "path", "severity"]:
            fail(f"unexpected diagnostic fields: {d}")
        if not isinstance(d["line"], int) or not isinstance(d["column"], int):
            fail(f"line and column must be numbers: {d}")
        rows.append((d["path"], d["line"], d["column"], d["severity"], d["message"]))
    return rows


def test_check_json():
    cases = sorted((CORPUS / "bad").iterdir()) + sorted((CORPUS / "good").iterdir())
    for case_dir in cases:
        invalid = case_dir.parent.name == "bad"
        result = run(*case_arguments(case_dir), "--format", "json", expect_code=1 if invalid else 0)
        if result.stderr:
            fail(f"{case_dir.name}: json mode wrote to stderr: {result.stderr!r}")
        doc = parse_document(result.stdout)
        rows = diagnostic_rows(doc)
        if invalid:
            expect_same_diagnostics(case_dir, rows)
        elif any(r[3] != "note" for r in rows):
            # A valid case may carry notes (an ignored .down.sql), never more.
            fail(f"{case_dir.name}: a valid case has diagnostics: {rows}")
        summary = doc["summary"]
        if summary["errors"] != sum(1 for r in rows if r[3] == "error") or \
                summary["notes"] != sum(1 for r in rows if r[3] == "note"):
            fail(f"{case_dir.name}: summary {summary} does not count {rows}")
        migrations = [p for p in case_dir.glob("*.sql") if not p.name.endswith(".down.sql")]
        if not invalid and summary["migrations_checked"] != len(migrations):
            fail(f"{case_dir.name}: summary {summary} does not count the migrations")


def unescape(text):
    """What the runner does to a command's message and property values (escapes of %, CR, LF, ':' and ',')."""
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub(r"%25|%0D|%0A|%3A|%2C", lambda m: codes[m.group(0)], text)


def workflow_rows(stdout):
    rows = []
    for text in stdout.decode("utf-8").split("\n"):
        if not text.startswith("::"):
            continue
        match = WORKFLOW_COMMAND.match(text)
        if not match:
            fail(f"not a workflow command: {text!r}")
        command, properties, message = match.groups()
        values = dict(item.split("=", 1) for item in properties.split(","))
        if sorted(values) != ["col", "file", "line"]:
            fail(f"unexpected properties: {text!r}")
        severity = {"error": "error", "notice": "note"}[command]
        rows.append((unescape(values["file"]), int(values["line"]), int(values["col"]), severity, unescape(message)))
    return rows


def test_check_github():
    for case_dir in sorted((CORPUS / "bad").iterdir()):
        result = run(*case_arguments(case_dir), "--format", "github", expect_code=1)
        expect_same_diagnostics(case_dir, workflow_rows(result.stdout))

    with tempfile.TemporaryDirectory() as scratch:
        # A bad name quoting itself: the path and the message hold % , : CR and LF.
        name = "2-50%,done:\r\nyes.sql"
        Path(scratch, "001_users.sql").write_text("CREATE TABLE users (id INTEGER PRIMARY KEY);\n")
        Path(scratch, name).write_text("SELECT 1;\n")
        result = run("check", "--dir", scratch, "--format", "github", expect_code=1)
        lines = [text for text in result.stdout.decode().split("\n") if text.startswith("::")]
        if len(lines) != 1 or "\r" in lines[0]:
            fail(f"expected one command on one line: {result.stdout!r}")
        if "file=" + scratch + "/2-50%25%2Cdone%3A%0D%0Ayes.sql,line=1,col=1::" not in lines[0]:
            fail(f"file property not escaped as escapeProperty does: {lines[0]!r}")
        path, line, column, severity, message = workflow_rows(result.stdout)[0]
        # The file property is the real path; the message shows the CR as \x0d, as every format does.
        shown = name.replace("\r", "\\x0d")
        if (path, line, column, severity) != (f"{scratch}/{name}", 1, 1, "error") or f"in '{shown}'" not in message:
            fail(f"did not read back: {(path, line, column, severity, message)!r}")

        Path(scratch, name).unlink()
        result = run("check", "--dir", scratch, "--format", "github", expect_code=0)
        if "::" in result.stdout.decode() or "1 migration checked, no errors\n" not in result.stdout.decode():
            fail(f"a valid directory annotates nothing: {result.stdout!r}")


def write(directory, name, sql):
    Path(directory, name).write_text(sql)
    return hashlib.sha256(sql.encode()).hexdigest()


def test_status_json():
    with tempfile.TemporaryDirectory() as scratch:
        migrations, db = Path(scratch, "migrations"), str(Path(scratch, "app.db"))
        migrations.mkdir()
        first = write(migrations, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n")
        run("apply", "--db", db, "--dir", str(migrations), "--table", "schema_log", expect_code=0)
        second = write(migrations, "002_tags.sql", "CREATE TABLE tags (name TEXT);\n")

        status = ["status", "--db", db, "--dir", str(migrations), "--table", "schema_log", "--format", "json"]
        result = run(*status, expect_code=0)
        if run(*status, expect_code=0).stdout != result.stdout:
            fail("two runs printed different documents")
        doc = parse_document(result.stdout)
        applied, pending = doc["migrations"]
        if applied["version"] != 1 or applied["filename"] != "001_users.sql" or applied["state"] != "applied" or \
                applied["recorded_checksum"] != first or applied["embedded_checksum"] != first or \
                not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", applied["applied_at"]):
            fail(f"applied row: {applied}")
        if pending != {"version": 2, "filename": "002_tags.sql", "state": "pending", "applied_at": None,
                       "recorded_checksum": None, "embedded_checksum": second}:
            fail(f"pending row: {pending}")
        if doc["requirements"] != {"tracking_table": "schema_log", "migration_count": 2, "last_version": 2}:
            fail(f"requirements: {doc['requirements']}")
        if doc["summary"] != {"applied": 1, "pending": 1, "modified": 0, "unknown": 0, "incomplete": 0} or \
                doc["database_exists"] is not True:
            fail(f"summary: {doc}")
        parse_document(run(*status, "--exit-code", expect_code=3).stdout)

        # Edited after it ran, and a version only the database knows.
        write(migrations, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n")
        run("apply", "--db", db, "--dir", str(migrations), "--table", "schema_log", expect_code=1)
        Path(migrations, "002_tags.sql").unlink()
        rows = parse_document(run(*status, expect_code=0).stdout)["migrations"]
        states = {row["version"]: row["state"] for row in rows}
        if states != {1: "modified"}:
            fail(f"states: {states}")

        missing = parse_document(run("status", "--db", str(Path(scratch, "none.db")), "--dir", str(migrations),
                                     "--format", "json", expect_code=0).stdout)
        if missing["database_exists"] is not False or missing["migrations"][0]["state"] != "pending" or \
                missing["requirements"]["tracking_table"] != "migrations":
            fail(f"missing database: {missing}")


def expect_error(result, code):
    doc = parse_document(result.stdout)
    if sorted(doc) != ["error", "format_version"] and sorted(doc) != ["diagnostics", "error", "format_version"]:
        fail(f"unexpected document: {doc}")
    if doc["error"]["code"] != code or not doc["error"]["message"]:
        fail(f"expected error {code}: {doc}")
    if doc["error"]["message"] not in result.stderr.decode():
        fail(f"the human message belongs on stderr too: {result.stderr!r}")
    return doc


def test_errors():
    with tempfile.TemporaryDirectory() as scratch:
        migrations = Path(scratch, "migrations")
        migrations.mkdir()
        write(migrations, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n")
        garbage = Path(scratch, "garbage.db")
        garbage.write_bytes(b"not a database; " * 512)

        status = ["status", "--dir", str(migrations), "--format", "json", "--db"]
        doc = expect_error(run(*status, str(garbage), expect_code=1), "not_a_database")
        if doc["error"]["sqlite_code"] != 26:  # SQLITE_NOTADB
            fail(f"sqlite_code: {doc}")
        expect_error(run(*status, scratch, expect_code=1), "io_error")  # a directory cannot be opened
        expect_error(run("check", "--dir", str(migrations), "--function", "uuid", "--format", "json", expect_code=2),
                     "usage")

        Path(migrations, "3.sql").write_text("SELECT 1;\n")
        doc = parse_document(run(*status, str(garbage), expect_code=1).stdout)
        if doc["error"]["code"] != "invalid_migrations" or \
                [(d["path"], d["severity"]) for d in doc["diagnostics"]] != [(f"{migrations}/3.sql", "error")]:
            fail(f"invalid directory: {doc}")

        # github annotations are for check; status names the formats it takes.
        result = run("status", "--db", str(garbage), "--dir", str(migrations), "--format", "github", expect_code=2)
        if result.stdout or b"--format takes text or json" not in result.stderr:
            fail(f"status --format github: {result.stdout!r} {result.stderr!r}")
        # Without --format, text as before: nothing but the message, on stderr.
        result = run("status", "--db", str(garbage), "--dir", str(migrations), expect_code=1)
        if b"{" in result.stdout or b"3.sql:1:1: error:" not in result.stderr:
            fail(f"text mode: {result.stdout!r} {result.stderr!r}")


def test_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Machine-readable output"):readme.index("## How it compares")]
    documents = re.findall(r"```json\n(.*?)```", section, re.S)
    if len(documents) != 3:
        fail(f"expected the check, status and error examples, found {len(documents)}")
    check, status, error = (parse_document(doc.encode()) for doc in documents)
    diagnostic_rows(check)
    if sorted(check) != ["diagnostics", "format_version", "summary"] or "requirements" not in status or \
            sorted(error["error"]) != ["code", "message", "sqlite_code"]:
        fail("the README's examples lost a field")
    commands = re.search(r"```text\n(::.*?)```", section, re.S).group(1)
    if [row[3] for row in workflow_rows(commands.encode())] != ["error", "note"]:
        fail(f"the README's github example does not read back: {commands!r}")


def test_readme_diagnostics():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"<!-- readme-example: ([^ ]+) -->\n```\n(.*?)```", readme, re.S)
    if not examples:
        fail("the README has no <!-- readme-example: CASE --> blocks")
    for case, block in examples:
        case_dir = CORPUS / case
        with tempfile.TemporaryDirectory() as scratch:
            migrations = Path(scratch, "migrations")
            migrations.mkdir()
            for sql in case_dir.glob("*.sql"):
                shutil.copy(sql, migrations)
            arguments = ["check", "--dir", "migrations"]
            if (case_dir / "seed").is_dir():
                shutil.copytree(case_dir / "seed", Path(scratch, "seed"))
                arguments += ["--seed-dir", "seed"]
            if (case_dir / "args").exists():
                arguments += [line for line in (case_dir / "args").read_text().splitlines() if line]
            result = subprocess.run([EXE, *arguments], capture_output=True, cwd=scratch)
            printed = result.stderr.decode("utf-8").splitlines()
            for line in block.splitlines():
                if line not in printed:
                    fail(f"README example for {case}: check does not print\n  {line}\nit prints:\n"
                         + "\n".join(printed))


GROUPS = {"check-json": test_check_json, "check-github": test_check_github, "status-json": test_status_json,
          "errors": test_errors, "readme": test_readme, "readme-diagnostics": test_readme_diagnostics}

if __name__ == "__main__":
    GROUPS[GROUP]()
    print(f"{GROUP}: ok")
