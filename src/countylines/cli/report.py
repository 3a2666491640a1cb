"""``countylines report``: NIM products (problem profile, line profile), and re-making them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.markup import escape

from countylines.cli.common import (
    JsonOption,
    console,
    log_access,
    open_workspace,
    out,
    print_json,
)
from countylines.pipeline.report import (
    MadeProduct,
    ReportError,
    line_profile,
    problem_profile,
    remake,
)
from countylines.products.catalogue import ProductError, list_products

app = typer.Typer(help="NIM intelligence products from the latest analysis.", no_args_is_help=True)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date (yyyy-mm-dd)", param_hint=option
        ) from exc


def _done(made: MadeProduct, as_json: bool) -> None:
    if as_json:
        print_json({**made.manifest, "path": str(made.folder), "copied_to": made.copied_to})
        return
    out.print(f"[bold]{escape(made.manifest['title'])}[/bold] ({made.manifest['product_id']})")
    where = made.copied_to or made.folder
    for f in made.manifest["files"]:
        out.print(f"  {escape(str(where / f['name']))}")
    out.print(
        "  manifest (inputs, settings, SHA-256 of each file): "
        + escape(str(where / "manifest.json"))
    )


@app.command("problem-profile")
def problem_profile_command(
    ctx: typer.Context,
    area: str | None = typer.Option(
        None, "--area", help="Local authority (e.g. Tendring) or LSOA name prefix; default all."
    ),
    start: str | None = typer.Option(
        None, "--from", help="First day, yyyy-mm-dd (default: start of the data)."
    ),
    end: str | None = typer.Option(
        None, "--to", help="Last day, yyyy-mm-dd (default: end of the data)."
    ),
    out_dir: Path | None = typer.Option(
        None, "--out", help="Also copy the product to this folder."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Write the NIM problem profile (HTML and PDF) from the latest analysis."""
    with open_workspace(ctx) as ws:
        try:
            made = problem_profile(
                ws, area=area, start=_date(start, "--from"), end=_date(end, "--to"), out=out_dir
            )
        except ReportError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        log_access(
            ws,
            "consultation",
            "product",
            f"problem profile written to {made.copied_to or made.folder}",
            made.manifest["product_id"],
        )
    _done(made, as_json)


@app.command("line-profile")
def line_profile_command(
    ctx: typer.Context,
    line_id: str = typer.Argument(
        ...,
        help="The line's id: the 'id' column of `countylines analyse` (also in "
        "the problem profile, as 'Reference').",
    ),
    out_dir: Path | None = typer.Option(
        None, "--out", help="Also copy the product to this folder."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Write the profile of one deal line (HTML and PDF)."""
    with open_workspace(ctx) as ws:
        try:
            made = line_profile(ws, line_id, out=out_dir)
        except ReportError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        log_access(
            ws,
            "consultation",
            "product",
            f"line profile of {line_id} written to {made.copied_to or made.folder}",
            made.manifest["product_id"],
        )
    _done(made, as_json)


@app.command("list")
def list_command(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the products in the workspace, newest first."""
    with open_workspace(ctx) as ws:
        products = list_products(ws.root)
    if as_json:
        print_json({"products": products})
        return
    if not products:
        out.print("No products yet: `countylines report problem-profile`.")
    for p in products:
        out.print(
            f"{p['product_id']}  {escape(p['title'])}  made {p['made_at']}  {escape(p['path'])}"
        )


@app.command("remake")
def remake_command(
    ctx: typer.Context,
    product: Path = typer.Argument(..., help="The product's folder (holding manifest.json)."),
    as_json: bool = JsonOption,
) -> None:
    """Re-make a product from its recorded inputs and settings; compare byte for byte.

    Exit code 0 when every file is identical, 1 when any differs, 2 when it
    cannot be re-made (inputs changed, no manifest).
    """
    with open_workspace(ctx) as ws:
        try:
            result = remake(ws, product)
        except (ReportError, ProductError) as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    if as_json:
        print_json(
            {"product_id": result.product_id, "identical": result.identical, "files": result.files}
        )
    else:
        for f in result.files:
            same = "identical" if f["recorded"] == f["remade"] else "DIFFERS"
            out.print(f"{escape(f['name'])}: {same} (sha256 {f['recorded'][:16]}…)")
    if not result.identical:
        raise typer.Exit(1)
