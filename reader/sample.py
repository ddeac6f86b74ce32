"""Find the sample article bundled with reader."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_NAME = "czech-republic-restricts-russian-diplomats.txt"


def sample_path() -> Path:
    """The bundled sample: package data in a wheel, `seeds/` in a source checkout."""
    try:
        packaged = Path(str(resources.files("reader.seeds") / SAMPLE_NAME))
    except ModuleNotFoundError:  # an editable install maps `reader` to the checkout
        packaged = None
    if packaged is not None and packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds" / SAMPLE_NAME
