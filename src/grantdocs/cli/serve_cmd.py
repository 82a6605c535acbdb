"""``grantdocs serve``: the documents on a local web page."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import FORMATS, TEAM

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("serve")
@click.argument("format_names", nargs=-1, metavar="[FORMAT]...")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path),
    help="Profile YAML, or a folder holding profile.yaml (default: ./profile.yaml if there "
    "is one, else the bundled profile).",
)
@TEAM
@FORMATS
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but this computer's own (loopback) "
    "address lets other computers read your CV.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Output folder: the documents built, their PDFs and page images.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
def serve(
    format_names: tuple[str, ...],
    profile_path: Path | None,
    team_path: Path | None,
    search: FormatSearchPath,
    port: int,
    host: str,
    out: Path,
    open_browser: bool,
) -> None:
    """Show the documents on a web page on this computer, with why each entry is in them;
    pin or leave out entries there (saved to choices.yaml beside the profile). Ctrl-C ends."""
    # lazy: build, profile.locate, serve.app, ... load only when this runs
    from grantdocs.build import check_output_folder
    from grantdocs.profile.locate import locate_profile
    from grantdocs.serve.app import LOOPBACK
    from grantdocs.serve.run import serve as run
    from grantdocs.serve.workspace import Target

    if team_path is not None and profile_path is not None:
        raise click.UsageError("give --profile or --team, not both")
    for name in format_names:
        search.load(name)  # an unknown format: a message now, not on the page
    check_output_folder(out)
    if host.strip("[]").lower() not in LOOPBACK:
        click.echo(
            f"warning: listening on {host}: other computers that reach this address can read "
            "your CV and change your choices; use it only on a network you trust",
            err=True,
        )
    target = Target(
        profile=None if team_path is not None else locate_profile(profile_path),
        team=team_path,
        formats=format_names,
        out=out,
        search=search,
    )

    def announce(url: str) -> None:
        click.echo(f"grantdocs serve: {url}  (Ctrl-C ends)", err=False)

    with contextlib.suppress(KeyboardInterrupt):  # uvicorn passes Ctrl-C on after shutdown
        run(target, host, port, announce=announce, open_browser=open_browser)
    click.echo("stopped")
