"""SVG snapshots of the reader on the sample article (pytest-textual-snapshot).

The entities are a fixed list (see `fixed_entities`) so that these pictures
track the UI only, not the extractor's latest rules. Update with
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input

sys.path.insert(0, str(Path(__file__).parent / "ui"))

from reader.core.store import Store  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from ui_helpers import StubStore, entity_for, wait_for  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "seeds" / "czech-republic-restricts-russian-diplomats.txt"
SIZES = [(160, 48), (80, 24)]


def make_app() -> ReaderApp:
    store = Store.open(SAMPLE)
    entities = [
        entity_for(store, "Jan Lipavsky", "person"),
        entity_for(store, "European Union", "organization"),
        entity_for(store, "NATO", "organization"),
        entity_for(store, "Russia", "place"),
        entity_for(store, "Czech Republic", "place"),
        entity_for(store, "Ukraine", "place"),
    ]
    return ReaderApp([StubStore(store, entities)])


async def settle(pilot) -> None:
    """Every pane mounted, entities in, cursor blink off, so every run draws the same picture."""
    assert await wait_for(pilot, lambda: pilot.app.screen.ready)
    await pilot.app.workers.wait_for_complete()
    for input_widget in pilot.app.screen.query(Input):
        input_widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_sample(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_search_active(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"espionage")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_entity_selected(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.screen.select_entity(next(e for e in pilot.app.screen.entities if e.name == "Russia"))
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
