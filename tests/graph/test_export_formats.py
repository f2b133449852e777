"""One registry of export formats (graph/outputs/export.py) serves the CLI, the API and export."""

from __future__ import annotations

import importlib

import click
from paperkg.graph.outputs.export import FORMATS

from paperkg import api
from paperkg.cli import export, main


def test_every_writer_is_a_function_of_the_outputs_package():
    for fmt in FORMATS.values():
        module, _, function = fmt.writer.partition(":")
        writer = getattr(importlib.import_module(f"paperkg.graph.outputs.{module}"), function)
        assert callable(writer), fmt.name
        assert fmt.suffix.startswith(".")


def test_the_cli_and_the_api_offer_the_registry_s_formats():
    (option,) = [p for p in export.params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(FORMATS)
    assert tuple(FORMATS) == api.EXPORT_FORMATS
    assert main.get_command(click.Context(main), "export") is export


def test_each_format_writes_the_built_graph(example_build):
    with api.open(example_build) as graph:
        for name in FORMATS:
            data = graph.export(name)
            assert isinstance(data, bytes) and data, name
