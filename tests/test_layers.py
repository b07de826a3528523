"""Every module has its place in the layers that ``lint-imports`` enforces."""

from __future__ import annotations

import configparser
import pkgutil
from pathlib import Path

import orgstrategy

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_is_in_a_layer():
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    layers = config["importlinter:contract:layers"]["layers"]
    named = {
        name.strip()
        for line in layers.splitlines()
        for name in line.split(";")[0].replace(":", "|").split("|")
        if name.strip()
    }
    modules = {module.name for module in pkgutil.iter_modules(orgstrategy.__path__)}
    assert modules - named == set(), "modules in no layer of .importlinter"
    assert named - modules == set(), "layers naming no module"
