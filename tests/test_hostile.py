"""Hostile input through the store and every CLI path: no traceback, no control byte out.

The corpus is written by `tests/hostile/make_corpus.py`; each file goes through
`Store.open` and `reader --json/--outline/--entities`. Each run ends with exit
0, or exit 1 and one line on stderr.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from hostile.make_corpus import SMALL, build, large
from reader.cli import main
from reader.core.loader import LoadError
from reader.core.store import Store

NAMES = sorted({**SMALL, **large()})
REFUSED = {"binary.bin"}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return {p.name: p for p in build(tmp_path_factory.mktemp("hostile"))}


@pytest.mark.parametrize("name", NAMES)
def test_store_opens_or_refuses(corpus, name):
    if name in REFUSED:
        with pytest.raises(LoadError):
            Store.open(corpus[name])
        return
    doc = Store.open(corpus[name]).doc
    assert not CONTROL.search(doc.text.replace("\n", ""))
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)


@pytest.mark.parametrize("mode", ["--json", "--outline", "--entities"])
@pytest.mark.parametrize("name", NAMES)
def test_cli_paths(corpus, name, mode, capsys):
    status = main([mode, str(corpus[name])])
    out, err = capsys.readouterr()
    if name in REFUSED:
        assert status == 1
        assert err.count("\n") == 1 and err.startswith(f"reader: {corpus[name]}: ")
        return
    assert status == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\x00" not in out
    if mode == "--json":
        doc = json.loads(out)
        for entity in doc["entities"]:
            for m in entity["mentions"]:
                assert doc["text"][m["start"] : m["end"]] == m["text"]


def test_markup_is_printed_literally(corpus, capsys):
    assert main(["--outline", str(corpus["markup.txt"])]) == 0
    out = capsys.readouterr().out
    assert "Markup [bold red]x[/] in a title" in out
    assert "[red]Label[/red]" in out


def test_escape_sequences_are_made_visible(corpus, capsys):
    assert main(["--json", "--no-entities", str(corpus["escapes.txt"])]) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    assert "␛[31mred␛[0m" in text
    assert "␛]52;c;ZXZpbA==␇" in text
    assert "\u202e" not in text and "\u200b" not in text and "\u00ad" not in text


def test_encodings(corpus, capsys):
    assert main(["--json", "--no-entities", str(corpus["cp1252.txt"])]) == 0
    out, err = capsys.readouterr()
    assert "\u201cSmart\u201d" in json.loads(out)["text"] and "windows-1252" in err
    assert main(["--json", "--no-entities", str(corpus["utf16-bom.txt"])]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "UTF-16 title"
    assert main(["--json", "--no-entities", str(corpus["invalid-utf8.txt"])]) == 0
    assert "Body with" in json.loads(capsys.readouterr().out)["text"]


def test_shapes_keep_their_structure(corpus):
    assert len(Store.open(corpus["50k-headings.md"]).doc.all_sections) == 50_000
    assert len(Store.open(corpus["bullets.txt"]).doc.blocks) == 1002
    long_word = Store.open(corpus["100k-char-word.txt"]).doc
    assert max(b.end - b.start for b in long_word.blocks) == 100_000


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d, "is a directory"),
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (os.mkfifo(d / "fifo"), d / "fifo")[1], "not a regular file"),
        (lambda d: ((d / "loop").symlink_to(d / "loop"), d / "loop")[1], "symbolic links"),
    ],
)
def test_bad_paths(tmp_path, capsys, make, reason):
    path = make(tmp_path)
    assert main(["--outline", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err and str(path) in err


def test_size_limit(corpus, capsys):
    assert main(["--json", "--max-size", "2", str(corpus["one-5mb-line.txt"])]) == 1
    err = capsys.readouterr().err
    assert "over the 2 MB limit" in err and "--max-size" in err
