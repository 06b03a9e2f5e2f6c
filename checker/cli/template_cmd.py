from __future__ import annotations

from pathlib import Path

import click

from checker.cli.common import fail, quiet_option, say


@click.command()
@quiet_option
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option("-o", "--output", metavar="FILE", default="sistemkerja-template.xlsx", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def template(fmt: str, output: str, force: bool) -> None:
    """Write an empty workbook to fill in: a sheet per collection, generated from the JSON Schemas.

    Each header cell's comment says what the column holds; enumerations (grades, OPD kinds, roles,
    methods) are drop-down lists; NIP and every other column are formatted as Text. Fill it and
    run `sistemkerja check FILE`, or `sistemkerja convert FILE -o data/` for the YAML layout.
    """
    from checker.load import xlsx_output

    path = Path(output)
    if path.exists() and not force:
        fail(f"{output} exists; give --force to overwrite it")
    try:
        xlsx_output.template().save(path)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    say(f"{output}: template written")
