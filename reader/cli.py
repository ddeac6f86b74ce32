"""The `reader` command: open documents in the reader, or print them as JSON, outline or entities."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.core.loader import DEFAULT_MAX_BYTES, STDIN, LoadError
from reader.core.store import ISOLATE, Store
from reader.sample import sample_path


class CommandError(Exception):
    """A failure to report in one line on stderr, with exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also the source of `--help`)."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read news articles and reports in the terminal: sections, entities and search.",
        epilog="With no PATH, opens the bundled sample article.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="text or Markdown files to read (- reads standard input)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print each document as one line of JSON")
    mode.add_argument("--outline", action="store_true", help="print the section tree")
    mode.add_argument("--entities", action="store_true", help="print the entities as a table")
    parser.add_argument("--raw", action="store_true", help="show the text as written: no display repair")
    parser.add_argument(
        "--format",
        choices=("auto", "text", "markdown"),
        default="auto",
        help="how to parse the files (default: by file name)",
    )
    parser.add_argument(
        "--ner",
        default="rules",
        metavar="BACKEND",
        help="entity extractor: rules (default, offline) or spacy[:MODEL]",
    )
    parser.add_argument("--no-entities", action="store_true", help="leave entities out of --json")
    parser.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / 1e6,
        metavar="MB",
        help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES / 1e6:.0f})",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


PREVIEW = 100_000
"""In the reader, a longer file shows its first ~100 KB while the rest is parsed."""


def open_stores(args: argparse.Namespace, *, preview: int | None = None) -> list[Store]:
    """Load every path (or the sample), raising `LoadError` on the first that fails."""
    paths = args.paths or [str(sample_path())]
    fmt = None if args.format == "auto" else args.format
    max_bytes = int(args.max_size * 1e6)
    # The reader's own document has its entities extracted in a child process
    # started as soon as it is read, so that the child parses it while this
    # process makes a preview and starts Textual.
    stores = [
        Store.open(p, raw=args.raw, fmt=fmt, max_bytes=max_bytes, preview=preview,
                   prefetch=args.ner if preview and i == 0 else None)
        for i, p in enumerate(paths)
    ]
    for store in stores:
        for note in store.doc.notes:
            print(f"reader: {note}", file=sys.stderr)
    return stores


def open_terminal() -> int:
    """A descriptor of the terminal, to read keys from when standard input holds the document
    (as `less` does); `CommandError` when there is none."""
    try:
        return os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise CommandError("standard input holds the document, and there is no terminal to read keys from") from None


def check_stdin_use(args: argparse.Namespace) -> None:
    """`-` once at most, and not with the terminal itself as standard input."""
    if args.paths.count(STDIN) > 1:
        raise CommandError("-: standard input can be read only once")
    if STDIN in args.paths and sys.stdin is not None and sys.stdin.isatty():
        raise CommandError("-: standard input is the terminal: pipe a document in (command | reader -)")


def entities_of(store: Store, backend: str):
    """The store's entities, turning a missing backend into a `CommandError`."""
    from reader.core.entities import EntityBackendError

    try:
        return store.entities(backend)
    except EntityBackendError as error:
        raise CommandError(str(error)) from None


def print_json(stores: list[Store], args: argparse.Namespace) -> None:
    """One JSON object per document, one per line, in argument order."""
    from reader.core.jsonout import document_dict

    for store in stores:
        entities = None if args.no_entities else entities_of(store, args.ner)
        sys.stdout.write(json.dumps(document_dict(store.doc, entities), ensure_ascii=False) + "\n")


def run_app(stores: list[Store], args: argparse.Namespace) -> None:
    """Open the reader screen."""
    # A big document's entities are under way in a child process on the other
    # core (see `open_stores`); a small one's take milliseconds in a thread
    # once the first screen is up.
    isolate = any(store.size >= ISOLATE for store in stores)
    # The first lines go on screen now; Textual's first frame completes them.
    from reader.ui import instant

    painted = instant.paint(stores[0].doc)
    from reader.ui.app import ReaderApp

    ReaderApp(stores, ner_backend=args.ner, isolate_entities=isolate, painted=painted).run()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    interactive = not (args.json or args.outline or args.entities)
    instant = None
    try:
        check_stdin_use(args)
        # Before anything is read: without a terminal, reading a document would be wasted.
        terminal = open_terminal() if interactive and STDIN in args.paths else None
        if interactive:
            from reader.ui import instant

            instant.hold_keys()  # keys typed while the file loads wait for the reader
        stores = open_stores(args, preview=PREVIEW if interactive else None)
        if terminal is not None and instant is not None:
            os.dup2(terminal, 0)  # Textual reads keys from descriptor 0
            os.close(terminal)
            instant.hold_keys()  # standard input is the terminal now
        if args.json:
            print_json(stores, args)
        elif args.outline or args.entities:
            from reader.report import print_entities, print_outline

            for store in stores:
                if args.outline:
                    print_outline(store.doc)
                else:
                    print_entities(store.doc, entities_of(store, args.ner))
        else:
            run_app(stores, args)
    except (LoadError, CommandError) as error:
        print(f"reader: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reader --json big.txt | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        if instant is not None:
            instant.leave()  # the terminal as it was, whatever happened
    return 0
