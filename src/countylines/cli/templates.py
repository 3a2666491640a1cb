"""``countylines templates``: the carrier layouts call data can be read with."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from countylines.cli.common import JsonOption, console, print_json, settings_from
from countylines.ingest.cdr_template import (
    TemplateError,
    available_templates,
    load_template_file,
    template_dirs,
)

app = typer.Typer(help="Carrier call-data templates: list, show, check.", no_args_is_help=True)


def _dirs(ctx: typer.Context) -> list[Path]:
    settings = settings_from(ctx)
    return template_dirs(settings.workspace.resolve() / "templates", settings.template_path)


@app.command("list")
def list_templates(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the templates available (yours first, then the built-in ones)."""
    rows = []
    for name, path in available_templates(_dirs(ctx)).items():
        try:
            description = load_template_file(path).description
            problem = None
        except TemplateError as exc:
            description, problem = "", str(exc)
        rows.append({"name": name, "path": str(path), "description": description, "error": problem})
    if as_json:
        print_json(rows)
        return
    table = Table(title="call-data templates")
    table.add_column("name")
    table.add_column("description")
    table.add_column("file")
    for row in rows:
        table.add_row(row["name"], row["error"] or row["description"], row["path"])
    console.print(table)


@app.command("show")
def show(ctx: typer.Context, name: str, as_json: bool = JsonOption) -> None:
    """Show one template in full."""
    found = available_templates(_dirs(ctx))
    if name not in found:
        console.print(
            f"[red]error:[/red] no template called {name!r}; available: {', '.join(found)}"
        )
        raise typer.Exit(2)
    try:
        template = load_template_file(found[name])
    except TemplateError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        print_json({"path": str(found[name]), **template.model_dump(mode="json")})
    else:
        console.print(f"# {found[name]}")
        typer.echo(found[name].read_text(encoding="utf-8"))


@app.command("check")
def check(path: Path, as_json: bool = JsonOption) -> None:
    """Validate a template file you wrote (exit 1 with the problems if invalid)."""
    try:
        template = load_template_file(path)
    except TemplateError as exc:
        if as_json:
            print_json({"path": str(path), "valid": False, "error": str(exc)})
        else:
            console.print(f"[red]invalid:[/red] {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        print_json({"path": str(path), "valid": True, "name": template.name})
    else:
        console.print(f"[green]valid[/green]: template {template.name!r} ({path})")
