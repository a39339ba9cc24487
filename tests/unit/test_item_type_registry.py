"""The registry is the package: one module per question type, found without being listed."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import survey_app.itemtypes as package
from survey_app.itemtypes import REGISTRY, ItemType


def declaring_modules() -> dict[str, ItemType]:
    modules = (importlib.import_module(f"{package.__name__}.{m.name}") for m in
               pkgutil.iter_modules(package.__path__))  # fmt: skip
    return {m.__name__.rsplit(".", 1)[1]: m.ITEM_TYPE for m in modules if hasattr(m, "ITEM_TYPE")}


def test_each_type_is_one_module_named_after_it():
    declared = declaring_modules()
    assert {module: t.name for module, t in declared.items()} == {n: n for n in declared}
    assert set(REGISTRY) == set(declared)
    assert all(REGISTRY[name] is t for name, t in declared.items())


def test_a_new_module_is_a_new_type(tmp_path):
    # A copy of the package with one module added, imported in a fresh interpreter.
    copy = tmp_path / "types_copy"
    shutil.copytree(Path(package.__file__).parent, copy, ignore=shutil.ignore_patterns("*.pyc"))
    (copy / "rating.py").write_text(
        textwrap.dedent("""
        from .choice import OneOf

        class Rating(OneOf):
            name = "rating"
            response_kinds = frozenset({"choice"})

        ITEM_TYPE = Rating()
    """)
    )
    probe = "import types_copy as t; print(' '.join(t.REGISTRY), t.item_type('rating').partial)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout.split()  # fmt: skip
    assert out == [*REGISTRY, "rating", "respond/items/rating.html"]
