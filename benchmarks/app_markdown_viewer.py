"""Textual's own `MarkdownViewer` (with its table of contents), for comparison in `bench_app.py`.

    python benchmarks/app_markdown_viewer.py FILE.md
"""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import MarkdownViewer


class Viewer(App[None]):
    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(self.markdown, show_table_of_contents=True)


if __name__ == "__main__":
    Viewer(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
