"""The store as JSON: the stable contract other tools read (see README, "JSON output")."""

from __future__ import annotations

from typing import Any

from reader.core.model import Block, Document, Entity, Section

SCHEMA_VERSION = 1


def section_dict(section: Section) -> dict[str, Any]:
    """A section and its children, nested."""
    return {
        "index": section.index,
        "title": section.title,
        "level": section.level,
        "start": section.start,
        "end": section.end,
        "children": [section_dict(child) for child in section.children],
    }


def block_dict(block: Block) -> dict[str, Any]:
    """A block: its kind and offsets, a list item's label span, styled spans."""
    out: dict[str, Any] = {"kind": block.kind.value, "start": block.start, "end": block.end}
    if block.level:
        out["level"] = block.level
    if block.label is not None:
        out["label"] = {"start": block.label.start, "end": block.label.end}
    if block.spans:
        out["spans"] = [{"start": s.start, "end": s.end, "style": s.style} for s in block.spans]
    return out


def entity_dict(entity: Entity) -> dict[str, Any]:
    """An entity with every mention; a mention's `section` is a section `index` (null: front matter)."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "salience": round(entity.salience, 4),
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": m.kind,
                "section": m.section if m.section >= 0 else None,
            }
            for m in entity.mentions
        ],
    }


def document_dict(doc: Document, entities: list[Entity] | None = None) -> dict[str, Any]:
    """The whole document; `entities` is included when given."""
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "source": doc.source,
        "format": doc.format,
        "title": doc.title,
        "text": doc.text,
        "sections": [section_dict(s) for s in doc.sections],
        "blocks": [block_dict(b) for b in doc.blocks],
    }
    if entities is not None:
        out["entities"] = [entity_dict(e) for e in entities]
    return out
