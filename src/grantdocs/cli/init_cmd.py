"""``grantdocs init``: start a new profile from an annotated skeleton, or from an import file."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from grantdocs.cli.import_cmd import FORMAT_CHOICES, OFFLINE, PEER_REVIEWED


@click.command("init")
@click.argument(
    "folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False)
)
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Seed publications etc. from a BibTeX, CSL-JSON, ORCID or JSON Resume file.",
)
@click.option("--name", help='Your name, as "Given Family".')
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    help="Format of the --from file (default: from its extension and content).",
)
@click.option(
    "--orcid",
    "orcid",
    metavar="ID",
    help="Seed from your public ORCID record over the network (0000-0002-1825-0097, "
    "orcid:ID or https://orcid.org/ID): works with their authors, completed from their DOIs.",
)
@PEER_REVIEWED
@OFFLINE
def init_command(
    folder: Path,
    source: Path | None,
    name: str | None,
    fmt: str | None,
    peer_reviewed: str,
    orcid: str | None,
    offline: bool,
) -> None:
    """Write FOLDER/profile.yaml (default: here): an annotated skeleton with one example of
    every section, in English and German. Never overwrites a file."""
    # lazy: importers.report, importers.review, importers.skeleton, ... load only when this runs
    from grantdocs.importers.report import render_plan
    from grantdocs.importers.review import PeerReviewMode
    from grantdocs.importers.skeleton import init_profile
    from grantdocs.paths import display_path

    if fmt and not source:
        raise click.UsageError("--format goes with --from")
    if source and orcid:
        raise click.UsageError("give --from FILE or --orcid ID, not both")
    if offline and not orcid:
        raise click.UsageError("--offline goes with --orcid")
    outcome = init_profile(
        folder,
        name=name,
        source=source,
        fmt=fmt,
        peer_reviewed=cast(PeerReviewMode, peer_reviewed),
        orcid=orcid,
        offline=offline,
    )
    shown = display_path(outcome.profile)
    if outcome.plan is not None:
        click.echo(render_plan(outcome.plan, shown, outcome.taken))
        click.echo("")
    click.echo(f"wrote {shown}")
    if outcome.imported is not None:
        click.echo(f"wrote {display_path(outcome.imported)} (included by {shown})")
    click.echo(
        "next: replace or delete every EXAMPLE entry, then\n"
        f"  grantdocs validate {shown}\n"
        f"  grantdocs build dfg-cv --profile {shown}"
    )
