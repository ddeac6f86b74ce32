"""The default extractor: capitalised chunks, gazetteers and cues, no model.

Pass one turns each chunk from the scanner into a candidate (or a few, for a
Title Case title or heading, where only gazetteer words and names seen in the
body count). Pass two keeps the doubtful candidates (lower-cased sentence
starts in scraped text) only when the document supports them, and finds known
names again in titles and at sentence starts.
"""

from __future__ import annotations

import re

from ..forking import fork_map
from ..model import Document
from . import cues
from .candidates import Candidate, Extraction
from .lexicon import Lexicon, lexicon
from .parallel import PassOne, pack_pass, split_zones, unpack_pass
from .scan import QUOTES_CLOSE, Chunk, Scanner, Tok, Zone, zones_of
from .typing_rules import guess_type, head_kind, is_acronym

ACRONYM_GAP = re.compile(r"(?:['’]s)?\s*\(\s*")
REGION_AFTER = re.compile(r",\s?([A-Z][\w.]*(?: [A-Z]\w*)?)")
DEFINITION = re.compile(
    r"(?:['’]s)?(?:\s+(?:is|was|are|were)|,)\s+(?:also\s+)?(?:a|an|the|one of the)\s+((?:[\w-]+\s+){0,3}[\w-]+)"
)
NUMBER_AFTER = re.compile(r" \d")
LOWER_HEAD = re.compile(r" ([a-z]+)\b(?!['’-])")
CLAUSE_END = frozenset(",.;:!?\"”’\n")
"""What may follow the name in `said Natásha`: the clause ends there (or the text does)."""
QUOTES_OPEN = frozenset("\"“")


PARTS_PER_PROCESS = 4
"""A big document's first pass is cut in this many parts per process, each taken by
the next process free: one held up (by the reader's interface) takes fewer."""


def norm(word: str) -> str:
    """A word's lookup form: lower case, straight apostrophe, no trailing dot."""
    return word.lower().replace("’", "'").rstrip(".")


class RuleExtractor:
    """Finds candidates in one document; create one per extraction."""

    def __init__(self, doc: Document, lex: Lexicon | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex or lexicon()
        self.out: list[Candidate] = []
        self.deferred: list[list[Tok]] = []  # runs of words to check against known names
        self._plans: dict[tuple, tuple] = {}  # chunk words -> what `_chunk` does with them
        self._guesses: dict[tuple, tuple[str, float]] = {}  # guess_type's answers
        self._lookups: dict[tuple, tuple | None] = {}  # _lookup's answers

    def run(self, workers: int = 1) -> Extraction:
        """Both passes; candidates in text order.

        `workers > 1` splits a big document's first pass over that many forked
        processes (see `parallel`); the result is the same.
        """
        parts = split_zones(self.text, zones_of(self.doc), workers * PARTS_PER_PROCESS if workers > 1 else 1)
        firsts = [(part, i > 0) for i, part in enumerate(parts)]
        results = fork_map(self._first_pass, firsts, pack_pass, unpack_pass, processes=workers)
        self.out = [c for out, _, _ in results for c in out]
        self.out.extend(c for _, _, years in results for c in years)
        self.deferred = [run for _, deferred, _ in results for run in deferred]
        self._support()
        self.out.sort(key=lambda c: c.start)
        return Extraction(self.out, self._acronym_links())

    # -- pass one -------------------------------------------------------------

    def _first_pass(self, job: tuple[list[Zone], bool]) -> PassOne:
        """Candidates, deferred word runs and years of some zones (`resume`: not the first)."""
        zones, resume = job
        self.out, self.deferred = [], []
        scanner = Scanner(self.text, zones, self.lex, resume=resume)
        for chunk in scanner.chunks():
            if chunk.title:
                self._split_title(chunk.toks)
            else:
                self._chunk(chunk)
        years = [Candidate(y.start, y.end, y.text, "date", tokens=[y.text]) for y in scanner.years]
        return self.out, self.deferred, years

    def _chunk(self, chunk: Chunk) -> None:
        toks = chunk.toks
        if self._quoted(toks):
            return
        if len(toks) == 1:
            t = toks[0]
            sig: tuple = ((t.text, t.weak, t.low),)
        else:
            sig = tuple([(t.text, t.weak, t.low) for t in toks])
        plan = self._plans.get(sig)
        if plan is None:
            plan = self._plans[sig] = self._plan(sig)
        i, j, person_cue, actions, spec, weak_common, split = plan
        if split:
            # `Lydia Buchtmann for Food Standards Australia`: two names
            self._chunk(Chunk(toks[:split], chunk.title, chunk.prev))
            self._chunk(Chunk(toks[split + 1 :], chunk.title, "for"))
            return
        for k, w in actions:
            if w is None:
                self.deferred.append([toks[k]])
            else:
                self.out.append(self._demonym(toks[k], w))
        if j <= i:
            return
        toks = toks[i:j]
        start, end = toks[0].start, toks[-1].end
        if spec is not None:
            kind, weight, canon, demonym = spec
            self.out.append(Candidate(
                start, end, self.text[start:end], kind, weight,
                kind="demonym" if demonym else "name", canon=canon, tokens=[t.text for t in toks],
            ))
            return
        if j - i == 1 and NUMBER_AFTER.match(self.text, end):
            return  # `Milepost 12`, `Route 66`: a label, not a name
        cand = self._unknown(toks, chunk.prev, person_cue)
        if weak_common and cand.weight <= 0.3:
            # a capitalised common word, even one that is also a surname (`the Crown`):
            # a name only if the document uses it as one elsewhere
            cand.weak = True
        self.out.append(cand)

    def _plan(self, sig: tuple) -> tuple:
        """What `_chunk` does with these words, wherever they stand (cached per extraction):
        (first kept word, end of the kept words, title seen, actions on dropped words,
        gazetteer reading or None, a lone capitalised common word, and where to split
        the chunk in two: at a `for` that no organisation's head noun governs)."""
        for k in range(1, len(sig) - 1):
            if sig[k][0] == "for" and norm(sig[k - 1][0]) not in cues.FOR_HEADS:
                return 0, 0, False, [], None, False, k
        i, person_cue, actions = self._strip_plan(sig)
        j = len(sig)
        if j - i > 1 and " ".join(t[0] for t in sig[i:]).lower() not in self.lex.places:
            while j - i > 1 and sig[j - 1][2] and norm(sig[j - 1][0]) in self.lex.tails:
                j -= 1
        if j == i or (j - i == 1 and len(sig[i][0]) < 2):
            return i, i, person_cue, actions, None, False, 0
        words = [t[0] for t in sig[i:j]]
        spec = self._lookup_spec(words, sig[i][2])
        weak_common = j - i == 1 and norm(words[0]) in self.lex.common
        return i, j, person_cue, actions, spec, weak_common, 0

    def _quoted(self, toks: list[Tok]) -> bool:
        """A name that fills a pair of quotes (`"A Beautiful Lie"`) is a title: kept whole.

        Its capitals prove something even at a sentence start, since the quote
        marks open it; a lone common word (`"Yes"`) still needs support."""
        text, start, end = self.text, toks[0].start, toks[-1].end
        c = text[start - 1 : start]
        if c not in QUOTES_OPEN and (c != " " or text[start - 2 : start - 1] not in QUOTES_OPEN):
            return False
        before = text[start - 2 : start] if text[start - 1 : start] == " " else text[start - 1 : start]
        after = text[end : end + 2] if text[end : end + 1] == " " else text[end : end + 1]
        if not before or not after or before[0] not in QUOTES_OPEN or after[-1] not in QUOTES_CLOSE:
            return False
        if any(t.low for t in toks) or toks[-1].text.lower() in cues.CONNECTORS:
            return False
        words = [t.text for t in toks]
        if len(toks) == 1 and (norm(words[0]) in self.lex.common or norm(words[0]) in cues.FUNCTION):
            return False
        if self._lookup(toks) is not None and (len(toks) > 1 or toks[0].text in cues.ACRONYMS):
            return False  # `"Russia"`: quoted, but still the country
        self.out.append(Candidate(start, end, text[start:end], "work", 2.0, tokens=words))
        return True

    def _strip_plan(self, sig: tuple) -> tuple[int, bool, list]:
        """How many leading words to drop, whether a title was among them, and what
        to do with the dropped ones: `(index, None)` to look for again in pass two,
        `(index, word)` to record as a demonym. Sentence-initial common words,
        function words and titles (`Minister`) go."""
        lex, person_cue, i, actions = self.lex, False, 0, []
        if " ".join(t[0] for t in sig).lower() in lex.places:
            text, weak, _ = sig[0]
            w = norm(text)
            if len(sig) > 1 or self._major(w) or w not in cues.FUNCTION and (not weak or w not in lex.common):
                # `Most` opening a sentence is no Czech town, and `To` in a line of verse no town `Tô`
                return 0, False, actions
        while i < len(sig):
            text, weak, low = sig[i]
            w = norm(text)
            rest = len(sig) - i - 1
            if text in ("A", "An") and not weak and rest:
                break  # `A Beautiful Lie` mid-sentence: a title
            if low and w in cues.CONNECTORS or (w in cues.FUNCTION and (weak or w not in cues.MONTHS)):
                i += 1  # not kept for pass two either, which never takes a function word for a name
            elif rest and self._is_title(w, norm(sig[i + 1][0])):
                person_cue = True
                i += 1
            elif w in lex.demonyms and rest and norm(sig[i + 1][0]) in cues.PERSON_TITLES:
                actions.append((i, w))
                i += 1
            elif weak and w in lex.common and w not in lex.first_names and not self._major(w) and not (
                rest and w in cues.ORDINALS
            ):
                actions.append((i, None))
                i += 1
            else:
                break
        return i, person_cue, actions

    def _major(self, w: str) -> bool:
        """A country, state or the like (not a town that shares a common word's spelling)."""
        place = self.lex.places.get(w)
        return place is not None and place.kind != "city"

    def _is_title(self, w: str, following: str) -> bool:
        """A role before a name: `Minister Jan`, `Engineer John` (not `General Motors`)."""
        if following in cues.ORG_WORDS:
            return False
        return w in cues.PERSON_TITLES or (w in self.lex.common and following in self.lex.first_names)

    def _lookup(self, toks: list[Tok]) -> Candidate | None:
        """A gazetteer, acronym, demonym or date reading of the whole chunk."""
        words = [t.text for t in toks]
        sig = (*words, toks[0].low)
        spec = self._lookups.get(sig, False)
        if spec is False:
            spec = self._lookups[sig] = self._lookup_spec(words, toks[0].low)
        if spec is None:
            return None
        kind, weight, canon, demonym = spec
        start, end = toks[0].start, toks[-1].end
        return Candidate(
            start, end, self.text[start:end], kind, weight,
            kind="demonym" if demonym else "name", canon=canon, tokens=words,
        )

    def _lookup_spec(self, words: list[str], low: bool) -> tuple[str, float, str | None, bool] | None:
        """`_lookup`'s answer for these words: (type, weight, canonical name, is a demonym)."""
        lex = self.lex
        key = " ".join(words).lower()
        if len(words) == 1 and words[0] in cues.ACRONYMS:
            name, kind = cues.ACRONYMS[words[0]]
            return kind, 3.0, name, False
        if len(words) == 1 and key in cues.MONTHS or key in cues.DAYS:
            return "date", 1.0, None, False
        place = lex.places.get(key)
        if place is not None and place.kind == "city":
            if len(words) == 1 and key in lex.first_names:
                return None  # `Gloria`: a first name before a town
            return "place", 1.0, None, False
        if place is not None:
            return ("organization" if place.kind == "org" else "place"), 3.0, place.name, False
        if len(words) > 1:
            return None
        lw = norm(words[0])
        if lw in lex.demonyms or (lw.endswith("s") and lw[:-1] in lex.demonyms and not low):
            return "place", 0.5, lex.demonyms.get(lw) or lex.demonyms[lw[:-1]], True
        return None

    def _demonym(self, t: Tok, w: str) -> Candidate:
        canon = self.lex.demonyms.get(w) or self.lex.demonyms[w[:-1]]
        return Candidate(t.start, t.end, t.text, "place", 0.5, kind="demonym", canon=canon, tokens=[t.text])

    def _unknown(self, toks: list[Tok], prev: str, person_cue: bool) -> Candidate:
        start, end = toks[0].start, toks[-1].end
        words = [t.text for t in toks]
        if words[0] in ("A", "An"):
            kind, weight = "work", 1.5
        elif self.text[end : end + 1] == "," and self._before_region(end):
            kind, weight = "place", 1.0
        elif defined := self._defined_as(end):
            kind, weight = defined, 2.5
        elif (m := LOWER_HEAD.match(self.text, end)) and (head := head_kind(m.group(1))) in ("organization", "place"):
            kind, weight = head, 1.0  # `the National Iodine Nutrition study`, `the Potomac river`
        else:
            # all guess_type asks of the previous word: a place preposition, or `of`
            near = "in" if prev in cues.PLACE_PREPS else "of" if prev == "of" else ""
            # `said Natásha.`, `Natásha smiled`: a person, though no list knows the name (not
            # `said Vendrix would…`: there the name opens what was said, and may be a company's)
            said = prev in cues.SAYING and (self.text[end : end + 1] or "\n") in CLAUSE_END
            cue = person_cue or said or (m is not None and m.group(1) in cues.PERSON_VERBS)
            gkey = (*words, near, cue)
            guess = self._guesses.get(gkey)
            if guess is None:
                guess = self._guesses[gkey] = guess_type(words, near, self.lex, cue)
            kind, weight = guess
        if len(toks) == 1:
            weak = toks[0].low or toks[0].weak
        else:
            weak = all([t.low for t in toks])
        return Candidate(start, end, self.text[start:end], kind, weight, weak=weak, tokens=words)

    def _defined_as(self, end: int) -> str | None:
        """`Bilka is a chain of ...`, `Aisby, a village in ...`: the defining noun's type."""
        m = DEFINITION.match(self.text, end)
        if m is None:
            return None
        for word in m.group(1).lower().split():
            kind = cues.DEFINING_NOUNS.get(word.rstrip("s") if word not in cues.DEFINING_NOUNS else word)
            if kind:
                return kind
        return None

    def _before_region(self, end: int) -> bool:
        """`Bridgton, Maine`: a name followed by a state or country is a place."""
        m = REGION_AFTER.match(self.text, end)
        place = m and self.lex.places.get(m.group(1).lower())
        return bool(place) and place.kind in ("state", "country")

    def _split_title(self, toks: list[Tok]) -> None:
        """In Title Case text only gazetteer words count now; the rest waits for pass two."""
        lex, i, run = self.lex, 0, []
        while i < len(toks):
            for n in range(min(lex.max_words, len(toks) - i), 0, -1):
                cand = self._lookup(toks[i : i + n])
                if cand is not None and cand.type != "date" and self._title_worthy(toks[i : i + n]):
                    cand.heading = True
                    self.out.append(cand)
                    if run:
                        self.deferred.append(run)
                    run, i = [], i + n
                    break
            else:
                run.append(toks[i])
                i += 1
        if run:
            self.deferred.append(run)

    def _title_worthy(self, toks: list[Tok]) -> bool:
        """A Title Case gazetteer hit counts unless it is one common word (`Reading`)."""
        if len(toks) > 1 or toks[0].text in cues.ACRONYMS:
            return True
        w = norm(toks[0].text)
        place = self.lex.places.get(w)
        major = place is not None and place.kind in ("country", "continent", "state", "org")
        return major or (w not in self.lex.common and w not in cues.FUNCTION)

    # -- pass two -------------------------------------------------------------

    def _support(self) -> None:
        """Keep weak candidates the document backs up; find known names in deferred words."""
        known: dict[str, Candidate] = {}
        parts: set[str] = set()
        for c in self.out:
            if not c.weak and c.kind == "name" and c.type != "date":
                known.setdefault(c.text.lower(), c)
                if c.type == "person" and len(c.tokens) > 1:
                    parts.update(norm(w) for w in (c.tokens[0], c.tokens[-1]))
        kept = []
        for c in self.out:
            key = c.text.lower()
            if not c.weak or key in known or key in parts or key in self.lex.first_names:
                kept.append(c)
            elif c.tokens and c.tokens[0][0].isupper() and key not in self.lex.common:
                kept.append(c)
        self.out = kept
        text, function, out = self.text, cues.FUNCTION, self.out
        for run in self.deferred:
            if len(run) == 1:  # most are one sentence-initial word (`The`, `He`)
                t = run[0]
                key = text[t.start : t.end].lower()
                if norm(key) in function:
                    continue  # `To`, `I’m`: however the document used them elsewhere
                hit = known.get(key)
                if hit is not None or key in parts:
                    kind = hit.type if hit else "person"
                    out.append(Candidate(t.start, t.end, text[t.start : t.end], kind, 0.2, tokens=[t.text]))
            else:
                self._match_known(run, known, parts)

    def _match_known(self, run: list[Tok], known: dict[str, Candidate], parts: set[str]) -> None:
        i = 0
        while i < len(run):
            for n in range(len(run) - i, 0, -1):
                seq = run[i : i + n]
                if any(seq[k + 1].start - seq[k].end != 1 for k in range(n - 1)):
                    continue
                key = self.text[seq[0].start : seq[-1].end].lower()
                hit = known.get(key)
                if hit is not None or (n == 1 and key in parts and key not in cues.FUNCTION):
                    kind = hit.type if hit else "person"
                    s, e = seq[0].start, seq[-1].end
                    self.out.append(Candidate(s, e, self.text[s:e], kind, 0.2, tokens=[t.text for t in seq]))
                    i += n
                    break
            else:
                i += 1

    def _acronym_links(self) -> list[tuple[Candidate, Candidate]]:
        """`Czech Security Details Service (BIS)`: the acronym in brackets names the same thing."""
        links = []
        for a, b in zip(self.out, self.out[1:]):
            if (
                len(a.tokens) > 1
                and is_acronym(b.text)
                and self.text[b.end : b.end + 1] == ")"
                and ACRONYM_GAP.fullmatch(self.text, a.end, b.start)
            ):
                links.append((b, a))
        return links
