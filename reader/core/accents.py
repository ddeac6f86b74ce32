"""Latin letters with accents read as their plain letter, one character for one.

`é` is `e`, `Ç` is `C`, `ñ` is `n`: a search for `natasha` finds `Natásha`,
as a browser's find does. Stripping never changes a text's length, so every
offset in the stripped copy is an offset in the text. Only letters whose
canonical decomposition is one ASCII letter plus combining marks change;
others stay as they are (`ł`, `ø`, `ß`, and every non-Latin script: `й` is a
letter of its own in Russian, not an accented `и`). An accent written as a
separate combining mark (`a` + U+0301) stays too: removing it would shift
every offset after it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
PIECE = 1 << 16
"""Characters stripped per step: a worker stripping a book lets the interface run between steps."""


@lru_cache(maxsize=4096)
def plain_letter(char: str) -> str:
    """`char` without its accents when it is an accented Latin letter, else `char`."""
    if char.isascii():
        return char
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return bare if len(bare) == 1 and bare.isascii() and bare.isalpha() else char


def has_accents(text: str) -> bool:
    """Whether `text` holds an accented Latin letter."""
    return any(plain_letter(c) != c for c in _NON_ASCII.findall(text))


def strip_accents(text: str) -> str:
    """`text` with each accented Latin letter replaced by its plain letter (the same length;
    `text` itself when it has none)."""
    if text.isascii():
        return text
    pieces = [text[i : i + PIECE] for i in range(0, len(text), PIECE)]
    stripped = [_strip_piece(piece) for piece in pieces]
    if all(a is b for a, b in zip(pieces, stripped)):
        return text
    return "".join(stripped)


def _strip_piece(piece: str) -> str:
    """`piece` stripped (`piece` itself when it has no accented letter).

    A few accented letters (a book's `é`, `á`, `ó`) are replaced one after the
    other, at C speed; many (hostile text) through one translation table.
    """
    table = {}
    for char in set(_NON_ASCII.findall(piece)):
        bare = plain_letter(char)
        if bare != char:
            table[ord(char)] = bare
    if len(table) > FEW_LETTERS:
        return piece.translate(table)
    for code, bare in table.items():
        piece = piece.replace(chr(code), bare)
    return piece


FEW_LETTERS = 32
"""Up to this many different accented letters in a piece, `str.replace` them one by one."""
