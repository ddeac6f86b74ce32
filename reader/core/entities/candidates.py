"""The records passed from an extractor (rules or spaCy) to the merge layer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Candidate:
    """One mention an extractor found: `text[start:end]`, with a type vote.

    `canon` is the gazetteer's canonical name when the mention was looked up
    (`Czechia` -> `Czech Republic`); `kind` is "name" or "demonym"; `weight`
    is how sure the type vote is (gazetteer and explicit cues weigh more than
    defaults); `weak` marks mentions kept only if the document supports them.
    """

    start: int
    end: int
    text: str
    type: str
    weight: float = 1.0
    kind: str = "name"
    canon: str | None = None
    weak: bool = False
    heading: bool = False  # found in the title or a heading
    tokens: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """An extractor's output: candidates plus acronym links (`BIS` -> its expansion)."""

    candidates: list[Candidate]
    acronyms: list[tuple[Candidate, Candidate]] = field(default_factory=list)
