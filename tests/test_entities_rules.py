"""Typing and merging rules of the rule extractor, each on a small made-up text."""

from __future__ import annotations

from reader.core.entities import extract_entities
from reader.core.store import Store


def _types(text: str) -> dict[str, str]:
    doc = Store.from_text("Notes\n\n" + text + "\n").doc
    return {m.text: e.type for e in extract_entities(doc) for m in e.mentions if m.kind == "name"}


def test_full_name_types_its_lone_parts():
    # `Belgrano` alone reads as a town, but here it is the general's surname
    got = _types("The army was led by General Manuel Belgrano. Later Belgrano retreated and Belgrano wrote.")
    assert got["Manuel Belgrano"] == got["Belgrano"] == "person"


def test_head_noun_before_of():
    got = _types("He served in the Army of the North and fought in the Battles of Tucumán and Salta.")
    assert got["Army of the North"] == "organization"
    assert got["Battles of Tucumán"] == "event"


def test_quoted_title_is_a_work():
    got = _types('The band released " A Beautiful Lie " and later "Hurricane" on the album.')
    assert got["A Beautiful Lie"] == "work"
    assert got["Hurricane"] == "work"


def test_place_led_names_are_organisations():
    got = _types("The St. Louis Cardinals beat the Buffalo Bisons, said the Houston Chronicle.")
    assert {got["St. Louis Cardinals"], got["Buffalo Bisons"], got["Houston Chronicle"]} == {"organization"}


def test_hall_of_fame_is_an_organisation():
    assert _types("He was inducted into the Hockey Hall of Fame in 1958.")["Hockey Hall of Fame"] == "organization"


def test_for_splits_a_person_from_an_organisation():
    got = _types("A statement from Lydia Buchtmann for Food Standards Australia New Zealand followed.")
    assert got["Lydia Buchtmann"] == "person"
    assert got["Food Standards Australia New Zealand"] == "organization"
    assert _types("He chairs the Australian Centre for Control of Iodine Deficiency Disorders.")[
        "Australian Centre for Control of Iodine Deficiency Disorders"] == "organization"


def test_sentence_initial_common_words_are_no_towns():
    got = _types('Salt is iodised in Australia. Most iodine comes from seafood, said the Crown prosecutor.')
    assert "Most" not in got and "Crown" not in got


def test_model_codes_are_not_people():
    got = _types("The wing flew the F-86 Sabre and later the P-51 Mustang.")
    assert got["F-86 Sabre"] == got["P-51 Mustang"] == "misc"


def test_single_name_after_of_is_a_place():
    assert _types("It lies in the parish of Heydour near the coast.")["Heydour"] == "place"


def test_ordinal_opens_a_name_at_a_sentence_start():
    got = _types("It moved in 1943. Fourth Air Force took command of it.")
    assert got.get("Fourth Air Force") == "organization"


def test_lower_case_head_after_a_name():
    got = _types("The men of the Preobrazhénsk regiment crossed the Yaúza river at dawn.")
    assert got["Yaúza"] == "place"
    assert got["Preobrazhénsk"] == "organization"


def test_no_word_of_a_code_block_is_a_name():
    source = "# Notes\n\nParis was calm.\n\n```\nClass Names Like Moscow And Berlin Here\nMore Code With London\n```\n\nRome too.\n"
    doc = Store.from_text(source, fmt="markdown").doc
    found = {m.text for e in extract_entities(doc) for m in e.mentions}
    assert {"Paris", "Rome"} <= found
    code = next(b for b in doc.blocks if b.kind.value == "code")
    assert not [m for e in extract_entities(doc) for m in e.mentions if code.start <= m.start < code.end]


def test_a_verb_only_people_do_makes_an_unknown_name_a_person():
    # names no list knows, as a novel's are: the verbs around them say who they are
    got = _types('Zorbáva smiled at the window. "Not now," said Quillétov, and the room was quiet.')
    assert got["Zorbáva"] == got["Quillétov"] == "person"


def test_said_after_a_name_is_no_cue():
    # companies say things too: `said` counts only before a name, as quotes put it
    assert _types("Yesterday the new contract was signed, and Gazprovia said prices would rise.")["Gazprovia"] != "person"


def _names(text: str) -> set[str]:
    return {e.name for e in extract_entities(Store.from_text("Notes\n\n" + text + "\n").doc)}


def test_a_lower_case_verb_after_a_closing_quote_starts_no_name():
    # after a quote the sentence goes on: `ejaculated` is no scraped sentence start
    names = _names('"Go on," ejaculated Nesvítski. Later Nesvítski laughed, and "No!" interposed Nesvítski.')
    assert "Nesvítski" in names and not any(n.startswith(("ejaculated", "interposed")) for n in names)


def test_a_place_word_joins_only_the_place_it_continues():
    # `see` continues `Holy See` and `new` `Papua New Guinea`, not `I` or `Seven`
    names = _names("Yes, I see I'm late. Seven new ones came from the Czech republic and the Holy See.")
    assert "Czech Republic" in names
    assert not any(n.lower().startswith(("see", "i see", "seven new")) for n in names)


def test_function_words_and_i_contractions_are_never_names():
    # verse capitalises `To` mid-line, and `I’m` is always capitalised: neither is a name,
    # nor do they make the sentence-initial `To` and `I’m` elsewhere into one
    names = _names(
        "And fancies wander free, To feel the wind. To go home was his wish. To stay was hers.\n\n"
        "\"Haven't I said I’m not going?\" I’m sure of it. I’m here."
    )
    assert not names & {"To", "I’m", "I'm"}


def test_a_town_spelt_without_accents_as_an_english_word_is_the_word():
    # `God` is Göd and `Sire` Sīrē in the gazetteer, spelt in ASCII; `Malmo` (Malmö) is still a town
    got = _types("They prayed that God would help them. Sire, said the general. They flew to Malmo.")
    assert got["God"] != "place" and got.get("Sire") != "place"
    assert got["Malmo"] == "place"


def _merged(spellings: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """Entities of a document made of these (spelling, type) candidates, one per line."""
    from reader.core.entities.candidates import Candidate, Extraction
    from reader.core.entities.merge import build_entities

    lines, cands, offset = [], [], len("Notes\n\n")
    for text, kind in spellings:
        cands.append(Candidate(offset, offset + len(text), text, kind, 1.0, tokens=text.split()))
        lines.append(text)
        offset += len(text) + 1
    doc = Store.from_text("Notes\n\n" + "\n".join(lines) + "\n").doc
    return [(e.name, len(e.mentions)) for e in build_entities(doc, Extraction(cands))]


def test_a_lone_name_takes_its_full_name():
    assert _merged([("Manuel Belgrano", "person"), ("Belgrano", "place"), ("Belgrano", "person")]) == [
        ("Manuel Belgrano", 3)
    ]


def test_an_odd_spelling_seen_once_does_not_name_a_frequent_entity():
    got = dict(_merged([("Majesty of Balashev", "person")] + [("Balashev", "person")] * 12))
    assert got == {"Balashev": 13}
    # a full name seen once still names it
    got = dict(_merged([("Michael Mikhaylovich Speranski", "person")] + [("Speranski", "person")] * 12))
    assert got == {"Michael Mikhaylovich Speranski": 13}


def test_two_names_side_by_side_once_swallow_neither():
    # `at Borodino Napoleon…`: each name is known on its own
    spellings = [("Borodino Napoleon", "person")] + [("Borodino", "place")] * 5 + [("Napoleon", "person")] * 9
    assert dict(_merged(spellings)) == {"Borodino": 5, "Napoleon": 9, "Borodino Napoleon": 1}


def test_said_before_a_name_counts_only_where_the_clause_ends():
    # `said Vendrix would…`: the name opens what was said, and is often a company's
    got = _types("Analysts said Vendrix would cut jobs. Officials said Norvatek had breached rules.")
    assert got["Vendrix"] != "person" and got["Norvatek"] != "person"
    assert _types('"Yes," said Quillétov. Later it rained.')["Quillétov"] == "person"
