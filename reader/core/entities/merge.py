"""Turn candidates into entities: one per thing, however the text spells it.

Keys merge case variants, a leading `the`, possessives and gazetteer
variants (`Czechia` -> `Czech Republic`); acronyms join their expansion; a
lone first name or surname joins the one full name it belongs to. The type is
the weighted vote of the mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Document, Entity, Mention
from .candidates import Candidate, Extraction
from .typing_rules import is_acronym

_THE = re.compile(r"^the\s+", re.I)
_POSS = re.compile(r"['’]s?$")
_SLUG = re.compile(r"[^a-z0-9]+")
_JOIN = frozenset("of the and for de da von van & on in".split())


@lru_cache(maxsize=1 << 16)
def key_of(text: str) -> str:
    """The merge key of a surface form: case-folded, no leading `the`, no possessive."""
    s = _POSS.sub("", _THE.sub("", text.strip()))
    return " ".join(s.replace("’", "'").casefold().split())


@dataclass
class _Group:
    key: str
    cands: list[Candidate] = field(default_factory=list)
    canon: str | None = None

    @property
    def type(self) -> str:
        v: dict[str, float] = {}
        for c in self.cands:
            v[c.type] = v.get(c.type, 0.0) + c.weight
        return max(v, key=v.__getitem__)  # the first best, as Counter.most_common

    def names(self) -> list[Candidate]:
        return [c for c in self.cands if c.kind == "name"]


def _group(ex: Extraction) -> dict[str, _Group]:
    alias = {key_of(b.text): (a.canon or a.text) for b, a in ex.acronyms}
    alias = {k: key_of(v) for k, v in alias.items()}
    groups: dict[str, _Group] = {}
    for c in ex.candidates:
        k = key_of(c.canon or c.text)
        if c.type == "date":
            k = "date:" + k
        k = alias.get(k, k)
        g = groups.get(k)
        if g is None:
            g = groups[k] = _Group(k)
        g.cands.append(c)
        if c.canon and g.canon is None:
            g.canon = c.canon
    return groups


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _JOIN)


def _fold_short_forms(groups: dict[str, _Group]) -> None:
    """Join lone names to the full name they abbreviate (`Lipavsky`, `AHAC`)."""
    parts: dict[str, set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for g in groups.values():
        words = g.key.split()
        if len(words) > 1 and not g.key.startswith("date:"):
            if g.type == "person":
                parts[words[0]].add(g.key)
                parts[words[-1]].add(g.key)
            initials[_initials(g.key)].add(g.key)
    seen = {key: len(g.cands) for key, g in groups.items()}
    for key in list(groups):
        g = groups[key]
        if " " in key or key.startswith("date:") or g.canon:
            continue
        target = parts.get(key)
        if not target and key in initials and any(is_acronym(c.text) for c in g.cands):
            target = initials[key]
        if target and len(target) == 1:
            (dest,) = target
            rest = " ".join(w for w in dest.split() if w != key)
            if seen[dest] == 1 and seen.get(rest, 0) > 1:
                # `Borodinó Napoleon`, once: two names side by side, each known on its own
                continue
            if key == dest.split()[-1]:
                # `Belgrano` after `Manuel Belgrano`: the full name says what it is,
                # whatever the lone word looked like (a town, a common word)
                for c in g.cands:
                    c.weight *= 0.1
            groups[dest].cands.extend(g.cands)
            del groups[key]


@lru_cache(maxsize=1 << 16)
def _bare(text: str) -> str:
    """A spelling without its possessive and leading `the`."""
    return _THE.sub("", _POSS.sub("", text))


def _display_name(g: _Group) -> str:
    if g.canon:
        return g.canon
    names = g.names() or g.cands
    forms: Counter = Counter()
    for text, n in Counter(c.text for c in names).items():
        forms[_bare(text)] += n
    # The fullest spelling names the entity (`Manuel Belgrano` over `Belgrano`); among many
    # mentions, one seen once must look like a name: `Majesty of Balashëv` once among 110
    # `Balashëv` does not, `Michael Mikháylovich Speránski` among 76 `Speránski` does.
    if len(names) > FEW_MENTIONS:
        forms = Counter({f: n for f, n in forms.items() if n > 1 or _name_like(f)}) or forms
    best = max(forms, key=lambda f: (len(f.split()), sum(w[:1].isupper() for w in f.split()), forms[f]))
    return best


FEW_MENTIONS = 10
"""Up to this many mentions, any spelling seen once may name its entity (an article's full name)."""


def _name_like(form: str) -> bool:
    """Every word capitalised, none a joining word (`of`, `de`)."""
    return all(w[:1].isupper() and w.lower() not in _JOIN for w in form.split())


def _salience(g: _Group, n_text: int) -> float:
    names, first, heading = 0, n_text, 0.0
    for c in g.cands:
        if c.kind == "name":
            names += 1
        if c.start < first:
            first = c.start
        if c.heading:
            heading = 1.5
    dems = len(g.cands) - names
    return round(names + 0.5 * dems + heading + (1.0 - first / max(n_text, 1)), 4)


def build_entities(doc: Document, ex: Extraction) -> list[Entity]:
    """The merged entities, most salient first."""
    groups = _group(ex)
    _fold_short_forms(groups)
    entities, ids = [], set()
    for g in groups.values():
        name = _display_name(g)
        etype = g.type
        eid = f"{etype}:{_SLUG.sub('-', name.lower()).strip('-')}"
        while eid in ids:
            eid += "_"
        ids.add(eid)
        cands = sorted({(c.start, c.end): c for c in g.cands}.values(), key=lambda c: c.start)
        mentions = [Mention(c.start, c.end, c.text, c.kind, doc.section_at(c.start).index) for c in cands]
        aliases = sorted({_POSS.sub("", t) for t in {c.text for c in cands}} - {name})
        entities.append(Entity(eid, name, etype, aliases, mentions, _salience(g, len(doc.text))))
    entities.sort(key=lambda e: (-e.salience, e.name))
    return entities
