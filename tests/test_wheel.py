"""An installed (non-editable) wheel carries the catalog, the notebooks, the migrations and
the compiled message catalogues."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHECK = """
import sys
sys.path.insert(0, sys.argv[1])
import stretchkit
from stretchkit.catalog import default_catalog
from stretchkit.paths import catalog_path, checkout_root, notebooks_dir
from stretchkit.store import Store
assert stretchkit.__file__.startswith(sys.argv[1]), stretchkit.__file__
assert checkout_root() is None
assert catalog_path().is_relative_to(sys.argv[1]), catalog_path()
print(len(default_catalog().stretches))
print(sorted(p.name for p in notebooks_dir().glob("*.ipynb")))
with Store.open(":memory:") as store:
    print(store.schema_version())
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _
print(_("Steps", "de"), _("Steps", "es"), catalog_text("Trapezius", "es"))
"""


@pytest.mark.slow
def test_a_built_wheel_finds_its_data_outside_the_checkout(tmp_path: Path) -> None:
    """Build the wheel, install it into a bare folder, and use it from elsewhere."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next((tmp_path / "dist").glob("stretchkit-*.whl"))
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", CHECK, str(site)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    stretches, notebooks, schema, translated = result.stdout.splitlines()
    assert translated == "Schritte Pasos Trapecio"
    assert stretches == "8"
    expected = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks == str(expected)
    assert int(schema) >= 1
