"""`reader` finds its bundled sample from a wheel install as well as from a checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests_support import ROOT
from reader.sample import SAMPLE_NAME, sample_path


def test_checkout_or_editable_install_finds_the_sample():
    path = sample_path()
    assert path.is_file() and path.name == SAMPLE_NAME


def test_wheel_install_ships_and_finds_the_sample(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("reader-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert f"reader/seeds/{SAMPLE_NAME}" in names
    assert "reader/ui/reader.tcss" in names or not (ROOT / "reader" / "ui" / "reader.tcss").exists()
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    code = "import reader.sample as s, reader; print(s.sample_path()); print(reader.__file__)"
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=True
    ).stdout.split()
    assert out[0].startswith(str(target)) and out[1].startswith(str(target))
    assert Path(out[0]).is_file()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--json", "--no-entities"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"].startswith("Czech Republic Leads EU")
