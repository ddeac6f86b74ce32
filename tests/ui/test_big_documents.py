"""Big documents: shown from a preview at once, then the whole; search, jumps and resize at scale."""

from __future__ import annotations

import pytest

from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.sections import SectionsTree
from tests_support import make_book_file, shared_file


async def wait_until_whole(pilot, store: Store) -> None:
    for _ in range(400):
        if store.complete and pilot.app.screen.article.doc is store.doc:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def test_preview_first_then_the_whole_document(tmp_path):
    store = Store.open(make_book_file(tmp_path, books=5, chapters=12), preview=20_000)
    preview_sections = len(store.doc.all_sections)
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until_whole(pilot, store)
        screen = app.screen
        tree = screen.query_one(SectionsTree)
        assert len(store.doc.all_sections) == 5 * 13 + 1 > preview_sections
        assert len(tree._section_nodes) == len(store.doc.all_sections)
        late = store.doc.all_sections[-8]  # a chapter of the last book, far past the preview
        screen.go_to_section(late)
        await pilot.pause()
        assert screen.section is late
        assert screen.article.doc.text[screen.article.top_offset :].startswith(late.title)
        await pilot.press("slash", *"number", "enter")
        await pilot.pause()
        assert len(screen.matches) == len(store.search("number"))


async def test_a_preview_title_the_whole_has_not_is_dropped_with_the_preview(tmp_path):
    """A preview with one level-1 heading takes it as the title; the whole has many, so none."""
    part = "".join(f"## Chapter {c}\n\n" + "Some text about Paris. " * 40 + "\n\n" for c in range(8))
    path = tmp_path / "parts-of-a-book.md"
    path.write_text("".join(f"# Part {p}\n\n{part}" for p in range(6)), encoding="utf-8")
    store = Store.open(path, preview=3000)
    assert store.doc.title == "Part 0"  # the preview's lone level-1 heading
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until_whole(pilot, store)
        await pilot.pause()
        screen = app.screen
        assert store.doc.title == "Parts of a Book"
        assert screen.title == "Parts of a Book"
        assert screen.section is store.doc.all_sections[0]  # `Part 0`, a section now
        assert "§ Part 0" in str(screen.query_one("#status").render())


async def test_reading_position_survives_a_resize(tmp_path):
    store = Store.open(make_book_file(tmp_path, books=2, chapters=10))
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        screen.go_to_section(store.doc.all_sections[8])
        await pilot.pause()
        block = store.doc.block_index_at(screen.article.top_offset)
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert store.doc.block_index_at(screen.article.top_offset) == block
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert store.doc.block_index_at(screen.article.top_offset) == block


@pytest.mark.parametrize("name", ["war-and-peace.txt", "war-and-peace.md"])
async def test_war_and_peace(name):
    store = Store.open(shared_file(f"corpus/{name}"), preview=100_000)
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until_whole(pilot, store)
        screen = app.screen
        assert len(store.doc.sections) == 17
        await pilot.press("slash", *"napoleon", "enter")
        await pilot.pause()
        assert screen.counter().endswith("/593")  # 588 `napoleon`, 5 `Napoléon`
        screen.go_to_section(store.doc.all_sections[-1])
        await pilot.pause()
        assert screen.section is store.doc.all_sections[-1]
        block = store.doc.block_index_at(screen.article.top_offset)
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert store.doc.block_index_at(screen.article.top_offset) == block
        await pilot.press("G")
        await pilot.pause()
        assert screen.article.percent == 100


async def test_navigator_lists_everything_before_the_parse_ends_and_jumps_wait(tmp_path):
    import threading

    gate = threading.Event()

    class SlowStore(Store):
        def finish(self):
            gate.wait(10)
            return super().finish()

    path = make_book_file(tmp_path, books=5, chapters=12)
    store = SlowStore.open(path, preview=20_000)
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause(0.2)
        screen = app.screen
        tree = screen.query_one(SectionsTree)
        assert not store.complete
        assert len(tree._section_nodes) == 5 * 13 + 1  # the scanned outline: every section
        far = tree._section_nodes[5 * 13 - 3].data
        screen.go_to_section(far)  # past the preview: waits
        await pilot.pause()
        assert screen.article.doc is not store.doc or not store.complete
        gate.set()
        await wait_until_whole(pilot, store)
        await pilot.pause(0.1)
        assert screen.section is store.doc.all_sections[far.index]
        assert screen.article.doc.text[screen.article.top_offset :].startswith(far.title)
