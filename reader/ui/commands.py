"""Command palette providers: "Go to section …" and "Jump to entity …".

Section titles and entity names are document text, so hits are built as
`rich.text.Text` (shown literally) rather than the strings Textual would read
as markup (`Matcher.highlight` and `Hit.help` parse markup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.markup import escape

from reader.ui.wrap import sanitize


def literal_highlight(matcher: Matcher, candidate: str) -> Text:
    """`candidate` as literal Text with the fuzzy-matched characters underlined."""
    text = Text(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        text.stylize("bold underline", offset, offset + 1)
    return text


class _ListProvider(Provider):
    """A provider over (prefix, name, help, callback) items from the reader screen."""

    def items(self) -> Iterator[tuple[str, str, str, Callable[[], None]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for prefix, name, help_text, callback in self.items():
            yield DiscoveryHit(Text(f"{prefix}{name}"), callback, text=f"{prefix}{name}", help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for prefix, name, help_text, callback in self.items():
            candidate = f"{prefix}{name}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(score, literal_highlight(matcher, candidate), callback, text=candidate, help=escape(help_text))


class SectionsProvider(_ListProvider):
    """Go to section …"""

    def items(self) -> Iterator[tuple[str, str, str, Callable[[], None]]]:
        screen = self.screen
        doc = getattr(screen, "doc", None)
        if doc is None:
            return
        for section in doc.all_sections:
            path = " › ".join(sanitize(s.title) for s in section.path[:-1])
            help_text = f"in {path}" if path else "section"
            yield "Go to section ", sanitize(section.title), help_text, partial(screen.go_to_section, section)


class EntitiesProvider(_ListProvider):
    """Jump to entity … (once the worker has computed them)."""

    def items(self) -> Iterator[tuple[str, str, str, Callable[[], None]]]:
        screen = self.screen
        for entity in getattr(screen, "entities", None) or []:
            help_text = f"{entity.type}, {len(entity.mentions)} mentions"
            yield "Jump to entity ", sanitize(entity.name), help_text, partial(screen.select_entity, entity)
