"""The command line: --json, --outline, errors as one line on stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests_support import SAMPLE
from reader.cli import main

HEADINGS = [
    "A Response to Escalating Security Threats",
    "Details of the New restrictions",
    "Broader Implications for European Security",
    "Czech Republic’s Support for Ukraine",
    "Looking Ahead",
]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def test_json_of_the_sample(capsys):
    assert main(["--json", "--no-entities", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    doc = json.loads(out)
    text = doc["text"]
    assert text.startswith("Czech Republic Leads EU")
    for fixed in ("EU. Specifically", "continent, fueled", "Ukraine, coupled", "diplomats, underscores"):
        assert fixed in text
    first_body = next(b for b in doc["blocks"] if b["kind"] == "paragraph")
    assert text[first_body["start"] :].startswith("The Czech Republic has taken")
    assert [s["title"] for s in doc["sections"]] == HEADINGS
    assert {"source", "format", "title", "text", "sections", "blocks"} <= doc.keys()
    for block in doc["blocks"]:
        assert block["kind"] in {"title", "heading", "paragraph", "list_item", "quote", "code"}


def test_json_one_line_per_document_in_argument_order(tmp_path, capsys):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.md"
    a.write_text("Alpha title\nAlpha body text.\n", encoding="utf-8")
    b.write_text("# Beta\n\nBeta body.\n", encoding="utf-8")
    assert main(["--json", "--no-entities", str(b), str(a)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Beta", "Alpha title"]
    assert [json.loads(line)["format"] for line in lines] == ["markdown", "text"]


def test_outline_of_the_sample():
    result = run("--outline", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Czech Republic Leads EU")
    for heading in HEADINGS:
        assert sum(heading in line for line in lines) == 1
    bullets = [line for line in lines if "•" in line]
    assert len(bullets) == 3 and "Increased Vigilance" in bullets[0]
    broader = next(i for i, line in enumerate(lines) if HEADINGS[2] in line)
    support = next(i for i, line in enumerate(lines) if HEADINGS[3] in line)
    assert all(broader < lines.index(b) < support for b in bullets)


def test_no_path_uses_the_bundled_sample(tmp_path):
    result = run("--json", "--no-entities", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"].startswith("Czech Republic Leads EU")


def test_version_and_help():
    assert run("--version").stdout.startswith("reader ")
    help_text = run("--help").stdout
    for option in ("--json", "--outline", "--entities", "--raw", "--ner", "--max-size"):
        assert option in help_text


def one_line_error(result: subprocess.CompletedProcess[str], status: int = 1) -> str:
    assert result.returncode == status
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_file(tmp_path):
    line = one_line_error(run("--json", str(tmp_path / "nope.txt")))
    assert "nope.txt" in line and "no such file" in line


def test_directory(tmp_path):
    assert "is a directory" in one_line_error(run("--outline", str(tmp_path)))


def test_binary_file(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 10)
    assert "binary" in one_line_error(run("--json", str(path)))


def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line_error(run("--json", str(fifo)))


def test_symlink_loop(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert "symbolic links" in one_line_error(run("--json", str(loop)))


def test_size_limit_names_the_limit_and_the_option(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 300_000, encoding="utf-8")
    line = one_line_error(run("--json", "--max-size", "1", str(path)))
    assert "1 MB limit" in line and "--max-size" in line


def test_no_permission(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secret.txt"
    path.write_text("Secret\nText here.\n", encoding="utf-8")
    real_open = open

    def deny(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)  # root can read anything: simulate the refusal
    assert main(["--json", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"reader: {path}: permission denied"


def test_windows_1252_is_read_with_a_note(tmp_path):
    path = tmp_path / "quotes.txt"
    path.write_bytes("Quotes\n\u201cSmart\u201d quotes \u2013 here.\n".encode("cp1252"))
    result = run("--json", "--no-entities", str(path))
    assert result.returncode == 0
    assert "windows-1252" in result.stderr
    assert "\u201cSmart\u201d" in json.loads(result.stdout)["text"]


def test_bad_usage_exits_2():
    result = run("--no-such-option")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_bom_encodings(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes("Heading Title\nBody text here.\n".encode(encoding))
    result = run("--json", "--no-entities", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Heading Title"


def run_with_input(data: str, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=data, capture_output=True, text=True, env=env,
        timeout=60, **kwargs,
    )  # fmt: skip


def test_a_dash_reads_standard_input():
    done = run_with_input("A piped title\n\nSome text about Paris.\n", "--json", "--no-entities", "-")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["source"], doc["title"], doc["format"]) == ("-", "A piped title", "text")
    assert doc["text"].endswith("Some text about Paris.")


def test_standard_input_in_markdown_is_read_as_markdown():
    done = run_with_input("# Piped\n\n## Part one\n\nText.\n\n## Part two\n\nMore.\n", "--outline", "-")
    assert done.returncode == 0, done.stderr
    assert "Part one" in done.stdout and "Part two" in done.stdout and "##" not in done.stdout


def test_standard_input_over_the_limit():
    done = run_with_input("x" * 200, "--max-size", "0.0001", "--json", "-")
    assert done.returncode == 1
    assert done.stderr.strip() == "reader: standard input: over the 0 MB limit (raise it with --max-size MB)"


def test_reading_standard_input_needs_a_terminal_for_the_keys():
    # a new session has no controlling terminal: the reader says so rather than hang or crash
    done = run_with_input("Title\n\nText.\n", "-", start_new_session=True)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "reader: standard input holds the document, and there is no terminal to read keys from"
    )


def test_a_dash_twice_is_refused():
    done = run_with_input("Title\n", "--json", "-", "-")
    assert done.returncode == 1
    assert done.stderr.strip() == "reader: -: standard input can be read only once"


def test_a_large_limit_reserves_nothing_for_a_small_input():
    done = run_with_input("Title\n\nText.\n", "--json", "--no-entities", "--max-size", "20000", "-")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "Title"


def test_a_dash_with_the_terminal_as_standard_input_is_refused():
    """`reader -` typed at a prompt: a message, not a wait for input that ctrl+d cannot end."""
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", "-"], stdin=follower, capture_output=True, text=True, timeout=60
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 1
    assert done.stderr.strip() == "reader: -: standard input is the terminal: pipe a document in (command | reader -)"
