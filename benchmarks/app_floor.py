"""The floor for `bench_app.py`: a bare Textual app that shows one line.

    python benchmarks/app_floor.py

Nothing of `reader` is imported: this is what any Textual app costs to reach
the screen on this machine, in this terminal.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

NEEDLE = "floor ready"


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(f"{NEEDLE}: a bare Textual app showing one line")


if __name__ == "__main__":
    Floor().run()
