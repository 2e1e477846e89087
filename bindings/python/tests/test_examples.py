"""The examples run, print what they say, and pass mypy --strict."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]


def run(*args: str) -> str:
    out = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout


def test_sla_per_brand(tmp_path):
    out = run("examples/python/sla_per_brand.py", str(tmp_path))
    assert "read 525, accepted 525, rejected 0" in out
    assert "RockstarSupport" in out
    svg = (tmp_path / "pattern-RockstarSupport.svg").read_text()
    assert svg.startswith("<svg") and "RockstarSupport" in svg


def test_walkthrough():
    out = run("examples/python/walkthrough.py")
    assert "525 conversations" in out and "breached" in out


def test_examples_and_package_pass_mypy_strict():
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "examples/python", "examples/crm/kesher_crm",
         "examples/crm/replay.py", "bindings/python/python/kesher"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
