"""``grantdocs import``: add entries from BibTeX, CSL-JSON, ORCID and JSON Resume files, or
from an ORCID iD over the network (``orcid:ID``)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from grantdocs.errors import ImportFileError

FORMAT_CHOICES = ("bibtex", "csl-json", "orcid", "json-resume", "europass")
PEER_REVIEW_CHOICES = ("auto", "all", "none")
PEER_REVIEW_HELP = (
    "Set peer_reviewed on imported publications: auto (default) where the evidence is clear "
    "(journal article, or conference/workshop paper with a venue that is no preprint server, "
    "published or accepted), all, or none."
)


PEER_REVIEWED = click.option(
    "--peer-reviewed",
    "peer_reviewed",
    type=click.Choice(PEER_REVIEW_CHOICES),
    default="auto",
    show_default=True,
    help=PEER_REVIEW_HELP,
)
"""The ``--peer-reviewed`` option of ``import`` and ``init``."""

OFFLINE = click.option(
    "--offline",
    is_flag=True,
    help="Use only answers kept in the HTTP cache from earlier runs; no network.",
)
"""The ``--offline`` option of the commands that ask online sources."""


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path),
    help="Profile YAML, or a folder holding profile.yaml, to import into (default: "
    "./profile.yaml if there is one, else the bundled profile, which --write never changes).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Append the new entries to imported.yaml beside the profile. Without it: a dry run.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    help="Input format (default: from the file's extension and content).",
)
@PEER_REVIEWED
@OFFLINE
def import_command(
    file: Path,
    profile_path: Path | None,
    write: bool,
    fmt: str | None,
    peer_reviewed: str,
    offline: bool,
) -> None:
    """Import FILE, or the ORCID record orcid:ID over the network; show what is new, what
    is already there and why, and what is skipped.

    Nothing is written without --write. Then new entries go to imported.yaml beside the
    profile, which the profile includes; entries already in the profile are never changed.
    """
    # lazy: importers.detect, importers.merge, importers.online, ... load only when this runs
    from grantdocs.importers.detect import read_import_file, require_entries
    from grantdocs.importers.merge import existing_from_data, existing_from_profile, plan_merge
    from grantdocs.importers.online import import_orcid, is_online
    from grantdocs.importers.report import render_plan
    from grantdocs.importers.review import PeerReviewMode
    from grantdocs.importers.text import owner_author
    from grantdocs.importers.writer import (
        IMPORTED_NAME,
        import_lock,
        orphan_note,
        orphaned_import,
        write_import,
    )
    from grantdocs.paths import display_path
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.locate import is_bundled, locate_profile, profile_line
    from grantdocs.profile.yamlpos import YamlProblems, load_yaml, read_text

    profile = locate_profile(profile_path)
    if write and profile_path is None and is_bundled(profile):
        raise click.UsageError(
            "--write changes files: name the profile to write into with --profile "
            "(or run the command in the folder holding your profile.yaml)"
        )
    if write:  # held until the command ends: one import into a folder at a time
        click.get_current_context().with_resource(import_lock(profile))
    loaded = load_profile(profile)
    person = loaded.profile.person
    click.echo(profile_line(profile, f"{person.given_names} {person.family_name}"))
    owner = (person.name_variants or [owner_author(person.given_names, person.family_name)])[0]
    if is_online(str(file)):
        if fmt:
            raise click.UsageError("--format goes with a file, not with orcid:ID")
        result = import_orcid(
            str(file),
            owner=owner,
            peer_reviewed=cast(PeerReviewMode, peer_reviewed),
            offline=offline,
            contact=next(iter(person.contact.email), None),
        )
    else:
        result = read_import_file(
            file,
            display=display_path(file),
            fmt=fmt,
            owner=owner,
            peer_reviewed=cast(PeerReviewMode, peer_reviewed),
        )
        require_entries(result)

    existing, ids = existing_from_profile(loaded.profile, loaded.where)
    imported = profile.parent / IMPORTED_NAME
    included = imported.resolve() in {f.resolve() for f in loaded.files}
    if imported.exists() and not included:
        shown = display_path(imported)
        try:
            data, _ = load_yaml(read_text(imported, shown), shown)
        except YamlProblems as exc:
            raise ImportFileError(f"{shown}: cannot read it", exc.problems) from None
        more, more_ids = existing_from_data(data if isinstance(data, dict) else {}, shown)
        existing += more
        ids |= more_ids
    plan = plan_merge(result, existing, ids)
    click.echo(render_plan(plan, display_path(profile)))
    # lazy: profile.duplicates loads only when this runs
    from grantdocs.profile.duplicates import duplicate_lines, new_duplicate_lines

    new = [(str(a.record.location), a.entry) for a in plan.added_to("publications")]
    for line in new_duplicate_lines(loaded, new) + ([] if write else duplicate_lines(loaded)):
        click.echo(line)

    orphan = orphaned_import(profile, loaded.files)
    if not plan.added and orphan is not None and write:
        outcome = write_import(profile, plan, included=False)
        if outcome.include_added:
            click.echo(
                f"nothing new to add; added '{IMPORTED_NAME}' (not included before) "
                f"to the include: list of {display_path(profile)}"
            )
        else:
            click.echo(orphan_note(profile, orphan))
        return
    if orphan is not None and not write:
        click.echo(orphan_note(profile, orphan))
    if not plan.added:
        click.echo("nothing new to add" + ("" if write else "; nothing written"))
        return
    if not write:
        click.echo(
            f"dry run, nothing written: add --write to append {len(plan.added)} "
            f"entr{'y' if len(plan.added) == 1 else 'ies'} to {display_path(imported)}"
        )
        return
    outcome = write_import(profile, plan, included=included)
    verb = "created" if outcome.created else "appended to"
    click.echo(f"{verb} {display_path(outcome.imported)}: {outcome.added} new entries")
    if outcome.include_added:
        click.echo(f"added '{IMPORTED_NAME}' to the include: list of {display_path(profile)}")
    elif outcome.instruction:
        click.echo(
            f"{display_path(profile)} was left untouched; to use the new entries, "
            f"{outcome.instruction}"
        )
