"""Read a file from disk as text, refusing what is not a readable text file.

Every refusal is a `LoadError` whose message names the file and the reason in
one line; the CLI prints it and exits 1.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class LoadError(Exception):
    """A file that cannot be opened as a document."""


@dataclass(slots=True)
class Loaded:
    """Decoded file contents, with the encoding used and notes for the user."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


STDIN = "-"
"""The path that names standard input, as for `cat` and `less` (`curl … | reader -`)."""


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and decode `path` (`-`: standard input, to its end), or raise `LoadError` saying why not."""
    name = str(path)
    if name == STDIN:
        return decode(_read_stdin(max_bytes), "standard input")
    data = _read_bytes(name, max_bytes)
    return decode(data, name)


STDIN_CHUNK = 1 << 20
"""Bytes read from standard input at a time (a read of the whole limit would reserve it all)."""


def _read_stdin(max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        stream = sys.stdin.buffer
        while size <= max_bytes:
            chunk = stream.read(STDIN_CHUNK)
            if chunk is None:  # a non-blocking descriptor with nothing ready
                raise OSError("not ready")
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (AttributeError, OSError, ValueError):  # no standard input, or a closed one
        raise LoadError("standard input: cannot be read") from None
    if size > max_bytes:
        raise LoadError(f"standard input: over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-size MB)")
    return b"".join(chunks)


def _read_bytes(name: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(name)
    except OSError as error:
        raise LoadError(f"{name}: {_reason(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(f"{name}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(f"{name}: not a regular file (a pipe, socket or device)")
    if info.st_size > max_bytes:
        raise LoadError(
            f"{name}: {info.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
            f" (raise it with --max-size MB)"
        )
    try:
        with open(name, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as error:
        raise LoadError(f"{name}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    reasons = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "too many levels of symbolic links",
        errno.EISDIR: "is a directory",
        errno.ENAMETOOLONG: "file name too long",
        errno.ENOTDIR: "a part of the path is not a directory",
    }
    return reasons.get(error.errno or 0, error.strerror or "cannot be read")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str = "<bytes>") -> Loaded:
    """Decode file bytes: a BOM's encoding, else UTF-8, else Windows-1252/Latin-1.

    Raises `LoadError` for binary data (NUL bytes or mostly control bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Loaded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise LoadError(f"{name}: cannot be decoded as {encoding}") from None
    sample = data[:65536]
    if sample.count(0) > len(sample) // 100:  # text may hold a stray NUL; binaries hold many
        raise LoadError(f"{name}: binary file (not text)")
    try:
        return Loaded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_controls(sample):
        raise LoadError(f"{name}: binary file (not text)")
    try:
        text, encoding = data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    note = f"{name}: not UTF-8, read as {encoding}"
    return Loaded(text, encoding, [note])


def _mostly_controls(sample: bytes) -> bool:
    """Bytes that are neither UTF-8 nor text-like in a single-byte encoding."""
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return controls > len(sample) * 0.08
