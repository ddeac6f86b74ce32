"""Plain terminal reports for the CLI: the outline tree and the entity table (Rich, no Textual)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from reader.core.model import BlockKind, Document, Entity, Section

TYPE_HEADINGS = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "group": "Groups",
    "event": "Events",
    "work": "Works",
    "misc": "Other",
    "date": "Dates",
}


def _console() -> Console:
    return Console(highlight=False, emoji=False, markup=False)


def _item_label(doc: Document, start: int, end: int, limit: int = 60) -> str:
    text = doc.text[start:end]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def outline_tree(doc: Document) -> Tree:
    """The section tree rooted at the title, with list items under their section."""
    tree = Tree(Text(doc.title, style="bold"))
    nodes: dict[int, Tree] = {}
    for section in doc.all_sections:
        parent = nodes.get(section.parent.index, tree) if section.parent else tree
        nodes[section.index] = parent.add(Text(section.title))
    for block in doc.blocks:
        if block.kind is not BlockKind.LIST_ITEM:
            continue
        section: Section = doc.section_at(block.start)
        span = block.label or block
        label = _item_label(doc, span.start, span.end)
        nodes.get(section.index, tree).add(Text("• " + label, style="dim"))
    return tree


def print_outline(doc: Document) -> None:
    """Print the outline of `doc` to stdout."""
    _console().print(outline_tree(doc))


def entity_table(doc: Document, entities: list[Entity]) -> Table:
    """Entities grouped by type: name, aliases, name and demonym mentions, first section."""
    table = Table(title=Text(doc.title), title_justify="left")
    for column in ("Name", "Aliases", "Names", "Demonyms", "First section"):
        table.add_column(column, justify="right" if column in ("Names", "Demonyms") else "left")
    order = list(TYPE_HEADINGS)
    groups = sorted({e.type for e in entities}, key=lambda t: order.index(t) if t in order else len(order))
    for kind in groups:
        table.add_row(Text(TYPE_HEADINGS.get(kind, kind.title()), style="bold"), end_section=False)
        for entity in (e for e in entities if e.type == kind):
            first = min((m.start for m in entity.mentions), default=0)
            section = doc.section_at(first)
            table.add_row(
                Text("  " + entity.name),
                Text(", ".join(a for a in entity.aliases if a != entity.name)),
                str(entity.name_count),
                str(entity.demonym_count),
                Text(section.title if section.level else "(front matter)"),
            )
    return table


def print_entities(doc: Document, entities: list[Entity]) -> None:
    """Print the entity table of `doc` to stdout."""
    _console().print(entity_table(doc, entities))
