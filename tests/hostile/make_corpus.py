"""Write the hostile corpus: documents built to break a reader.

Small files are committed in `files/`; this script writes them again (so their
bytes are reviewable here) and adds the large ones, which are generated:

    python tests/hostile/make_corpus.py OUTDIR

The tests call `build(directory)` to get every file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ESC = "\x1b"
BEL = "\x07"

SMALL: dict[str, bytes] = {
    "markup.txt": (
        "Markup [bold red]x[/] in a title\n"
        "A [@click=app.quit]click[/] that must not quit, and [link=\"file:///etc/passwd\"]y[/link].\n"
        "Unbalanced [ bracket and [/] closer, [b]bold[/b] and :smile: :thumbs_up: emoji codes.\n"
        "* [red]Label[/red]: a bullet with [i]markup[/i] in it.\n"
    ).encode(),
    "markup.md": (
        "# [bold]Title[/bold]\n\nText with [@click=app.quit]click[/] and `[code]` and **[b]strong[/b]**.\n\n"
        "- [link=https://x.org]item[/link]\n- :smile:\n"
    ).encode(),
    "escapes.txt": (
        f"Escapes {ESC}[31mred{ESC}[0m title\n"
        f"Cursor {ESC}[2J{ESC}[H moves and {ESC}[10;10H jumps, {ESC}]8;;http://evil.example{ESC}\\link{ESC}]8;;{ESC}\\ here.\n"
        f"Clipboard {ESC}]52;c;ZXZpbA=={BEL} write and title {ESC}]0;pwned{BEL} change.\n"
        "Carriage\rreturn, back\bspace, nul\x00byte, bell\x07, DEL\x7f, C1\x9b31m.\n"
        "Bidi \u202eesrever\u202c and zero\u200bwidth\u200d joiners\ufeff and soft\u00adhyphen.\n"
    ).encode(),
    "invalid-utf8.txt": b"Invalid \xff\xfe UTF-8\nBody with \xc3\x28 broken \xe2\x82 sequences.\n",
    "utf16-bom.txt": "UTF-16 title\nBody text in UTF-16 with a BOM \u2014 fine.\n".encode("utf-16"),
    "cp1252.txt": "Windows quotes\n\u201cSmart\u201d quotes \u2013 and \u2018single\u2019 ones \u20ac5.\n".encode("cp1252"),
    "mixed-endings.txt": b"Mixed endings\r\nFirst line.\rSecond line.\nThird line.\r\n\r\nLast.\n",
    "empty.txt": b"",
    "whitespace.txt": b"   \n\t\n  \r\n\n",
    "nested.md": (
        "".join("  " * i + "- level %d\n" % i for i in range(60))
        + "\n"
        + "".join(">" * i + " quote %d\n" % i for i in range(1, 60))
    ).encode(),
    "table.md": ("| a | b | c |\n|---|---|---|\n" + "".join(f"| {i} | x{i} | [b]{i}[/b] |\n" for i in range(50))).encode(),
    "bullets.txt": ("Many bullets\nIntro line of text here.\n" + "".join(f"* Item {i}: text {i}.\n" for i in range(1000))).encode(),
    "binary.bin": bytes(range(256)) * 64,
}


def large() -> dict[str, bytes]:
    """The generated shapes: too big to commit, quick to make."""
    return {
        "one-5mb-line.txt": ("word " * (5 * 1024 * 1024 // 5)).encode(),
        "100k-one-word-lines.txt": "".join(f"w{i}\n" for i in range(100_000)).encode(),
        "50k-headings.md": "".join(f"## Heading {i}\n" for i in range(50_000)).encode(),
        "50k-heading-lines.txt": "".join(f"CHAPTER {i}\n\nText {i}.\n\n" for i in range(50_000)).encode(),
        "100k-char-word.txt": ("Long word\n" + "x" * 100_000 + "\n").encode(),
    }


def build(directory: Path) -> list[Path]:
    """Write every corpus file into `directory`; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in {**SMALL, **large()}.items():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "files"
    print(f"wrote {len(build(target))} files to {target}")
