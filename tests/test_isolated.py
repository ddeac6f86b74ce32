"""Entities in a child process: the same answers as in-process, the parsed document shared."""

from __future__ import annotations

import io
import os

import pytest

from reader.core import isolated
from reader.core import store as store_module
from reader.core.entities import EntityBackendError, extract_entities
from reader.core.isolated import EntityJob, document_request, extract_in_child
from reader.core.store import Store
from tests_support import make_book_file


@pytest.fixture(params=["forked", "spawned"], autouse=True)
def child_kind(request, monkeypatch):
    """Run each test with a forked child and with a fresh interpreter."""
    if request.param == "forked" and not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(isolated, "can_fork", lambda: request.param == "forked")
    return request.param


def summary(entities):
    return [(e.name, e.type, [(m.start, m.end, m.kind) for m in e.mentions]) for e in entities]


def test_child_extraction_matches_in_process(sample_store):
    assert summary(extract_in_child(sample_store.doc, "rules")) == summary(extract_entities(sample_store.doc))


def test_prefetching_child_parses_the_big_file_for_the_reader(tmp_path):
    path = make_book_file(tmp_path, books=3, chapters=8)
    whole = Store.open(path)
    store = Store.open(path, preview=3000)
    store.prefetch_entities("rules")
    assert not store.complete
    doc = store.finish()
    assert doc.text == whole.doc.text
    assert [(b.kind, b.start, b.end) for b in doc.blocks] == [(b.kind, b.start, b.end) for b in whole.doc.blocks]
    assert summary(store.entities("rules", isolated=True)) == summary(extract_entities(whole.doc))


def test_opening_a_big_file_with_prefetch_starts_its_child_before_the_preview(tmp_path, monkeypatch):
    path = make_book_file(tmp_path, books=6, chapters=12)
    jobs: list[EntityJob] = []
    parsed_after_a_job: list[bool] = []
    init, parse = isolated.EntityJob.__init__, store_module.parse_source

    def recording_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        jobs.append(self)

    def recording_parse(*args, **kwargs):
        parsed_after_a_job.append(bool(jobs))
        return parse(*args, **kwargs)

    monkeypatch.setattr(store_module, "ISOLATE", 10_000)
    monkeypatch.setattr(isolated.EntityJob, "__init__", recording_init)
    monkeypatch.setattr(store_module, "parse_source", recording_parse)
    store = Store.open(path, preview=3000, prefetch="rules")
    assert parsed_after_a_job == [True] and len(jobs) == 1
    assert summary(store.entities("rules", isolated=True)) == summary(extract_entities(Store.open(path).doc))
    assert not Store.open(path, preview=3000)._jobs  # no prefetch asked for
    whole = Store.open(path, prefetch="rules")  # parsed whole here: the child is sent the document
    assert not whole._jobs["rules"].sends_document
    assert summary(whole.entities("rules", isolated=True)) == summary(extract_entities(whole.doc))


def test_child_errors_reach_the_reader_and_parsing_still_works(tmp_path):
    store = Store.open(make_book_file(tmp_path), preview=3000)
    store.prefetch_entities("no-such-backend")
    assert len(store.finish().all_sections) == len(Store.open(make_book_file(tmp_path)).doc.all_sections)
    with pytest.raises(EntityBackendError, match="unknown entity backend"):
        store.entities("no-such-backend", isolated=True)


def test_the_child_is_the_kind_asked_for(sample_store, child_kind):
    job = EntityJob(document_request(sample_store.doc), "rules")
    assert job.forked == (child_kind == "forked")
    assert summary(job.result()) == summary(extract_entities(sample_store.doc))


def test_a_cancelled_child_is_gone(tmp_path):
    store = Store.open(make_book_file(tmp_path, books=3, chapters=8), preview=3000)
    store.prefetch_entities("rules")
    job = store._jobs["rules"]
    job.cancel()
    job.cancel()
    assert not job.running
    try:  # it may have answered before it was stopped; if not, the failure is reported
        job.result()
    except RuntimeError as error:
        assert "exited" in str(error)


def test_a_failed_fork_falls_back_to_a_fresh_interpreter(sample_store, monkeypatch, child_kind):
    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(isolated.os, "fork", no_fork)
    job = EntityJob(document_request(sample_store.doc), "rules")
    assert not job.forked
    assert summary(job.result()) == summary(extract_entities(sample_store.doc))


@pytest.mark.parametrize("parts", [1, 3, 40])
def test_a_list_split_into_pickles_reads_back_whole(parts, child_kind):
    out = io.BytesIO()
    isolated.write_message(out, "entities", list(range(10)), parts=parts)
    isolated.write_message(out, "error", ValueError("x"), parts=parts)  # not a list: one pickle
    stream = io.BytesIO(out.getvalue())
    frames = []
    while head := stream.read(8):
        frames.append(stream.read(int.from_bytes(head, "big")))
    assert isolated.read_message(frames[0]) == ("entities", list(range(10)))
    for short in ([], ["one"]):  # no entities at all, or one: nothing to split
        out = io.BytesIO()
        isolated.write_message(out, "entities", short, parts=parts)
        assert isolated.read_message(out.getvalue()[8:]) == ("entities", short)
    kind, error = isolated.read_message(frames[1])
    assert kind == "error" and isinstance(error, ValueError)


def test_a_failed_extraction_follows_the_whole_document(tmp_path, child_kind):
    """The document, written aside while extraction starts, is whole before the error after it."""
    from reader.core.model import Document

    path = make_book_file(tmp_path)
    request = isolated.source_request(path.read_text(), str(path), None, False)
    with open(tmp_path / "answer", "wb") as out:
        isolated.serve(request, "no-such-backend", out)
    data = (tmp_path / "answer").read_bytes()
    messages = []
    while data:
        size = int.from_bytes(data[:8], "big")
        messages.append(isolated.read_message(data[8 : 8 + size]))
        data = data[8 + size :]
    assert [kind for kind, _ in messages] == ["doc", "error"]
    doc = isolated.unpack_document(messages[0][1])
    assert isinstance(doc, Document) and doc.text == Store.open(path).doc.text
    assert isinstance(messages[1][1], EntityBackendError)


@pytest.mark.parametrize("markdown", [False, True])
def test_a_document_travels_as_plain_values_and_comes_back_the_same(sample_store, markdown):
    source = "# Title\n\n* **Label**: an *item*\n\n## Part\n\nText `code` here.\n\n```\ncode\n```\n"
    doc = Store.from_text(source, fmt="markdown").doc if markdown else sample_store.doc
    out = io.BytesIO()
    isolated.write_message(out, "doc", isolated.pack_document(doc), parts=isolated.DOC_PARTS)
    kind, values = isolated.read_message(out.getvalue()[8:])
    back = isolated.unpack_document(values)
    assert kind == "doc"
    assert (back.source, back.format, back.title, back.text, back.notes) == (doc.source, doc.format, doc.title, doc.text, doc.notes)
    assert back.blocks == doc.blocks and back.root == doc.root
    assert list(back.offset_map.runs()) == list(doc.offset_map.runs())
    assert [s.title for s in back.all_sections] == [s.title for s in doc.all_sections]
