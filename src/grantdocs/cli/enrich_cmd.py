"""``grantdocs enrich``: find DOIs for publications without one; check those with one."""

from __future__ import annotations

from pathlib import Path

import click

from grantdocs.cli.import_cmd import OFFLINE


@click.command("enrich")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path),
    help="Profile YAML, or a folder holding profile.yaml (default: ./profile.yaml if there "
    "is one, else the bundled profile, which --write never changes).",
)
@click.option(
    "--doi",
    "check_dois",
    is_flag=True,
    help="Also compare the publications that have a DOI with their registry's record.",
)
@click.option(
    "--accept",
    "accepted",
    multiple=True,
    metavar="ID[=DOI]",
    help="Take the best candidate (or the DOI given) for publication ID; repeatable.",
)
@click.option("--only", multiple=True, metavar="ID", help="Look up only these publications.")
@click.option(
    "--write",
    is_flag=True,
    help="Add the DOIs of confident and accepted matches to your files. Without it: a dry run.",
)
@OFFLINE
def enrich_command(
    profile_path: Path | None,
    check_dois: bool,
    accepted: tuple[str, ...],
    only: tuple[str, ...],
    write: bool,
    offline: bool,
) -> None:
    """Look up DOIs for publications without one (Crossref's search, then OpenAlex's; each
    candidate with its score; a preprint's arXiv id gives its arXiv DOI); with --doi, show
    fields that differ from the DOI's registry.

    Only confident matches, and those you accept by id, are written with --write; one
    'doi:' line is added to each such entry, nothing else is changed.
    """
    # lazy: enrich, importers.sources.http, paths, ... load only when this runs
    from grantdocs.enrich import compare, propose, write_dois
    from grantdocs.importers.sources.http import Client
    from grantdocs.paths import display_path
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.locate import is_bundled, locate_profile, profile_line

    profile = locate_profile(profile_path)
    if write and profile_path is None and is_bundled(profile):
        raise click.UsageError(
            "--write changes files: name the profile to write into with --profile "
            "(or run the command in the folder holding your profile.yaml)"
        )
    loaded = load_profile(profile)
    person = loaded.profile.person
    click.echo(profile_line(profile, f"{person.given_names} {person.family_name}"))
    accept: dict[str, str | None] = {}
    ids = {p.id for p in loaded.profile.publications}
    for item in accepted:
        key, _, doi = item.partition("=")
        if key not in ids:
            raise click.UsageError(f"--accept {item}: no publication with id {key!r}")
        accept[key] = doi.strip() or None
    with Client(contact=next(iter(person.contact.email), None), offline=offline) as client:
        proposals = propose(loaded, client, accept=accept, only=set(only) if only else None)
        differences = compare(loaded, client) if check_dois else []
    taken = [p for p in proposals if p.accepted is not None]
    open_ = [p for p in proposals if p.accepted is None]
    if taken:
        click.echo(f"\nDOIs found ({len(taken)}):")
        for p in taken:
            assert p.accepted is not None
            if p.accepted.source == "arXiv":
                detail = p.how
            elif p.accepted.score:
                detail = f"{p.how}, score {p.accepted.score:.2f}, {p.accepted.source}"
            else:
                detail = f"{p.how}, given by you"
            click.echo(f"  + {p.where}  {p.id}: doi {p.accepted.doi} ({detail})")
    if open_:
        click.echo(f"\nto confirm or look up by hand ({len(open_)}):")
        for p in open_:
            if not p.candidates:
                click.echo(f'  ? {p.where}  {p.id}: no candidate for "{p.title}"')
                continue
            click.echo(f'  ? {p.where}  {p.id}: "{p.title}"')
            for c in p.candidates[:3]:
                who = ", ".join(c.authors[:3]) + (" et al." if len(c.authors) > 3 else "")
                click.echo(
                    f'      {c.score:.2f}  {c.doi}  {who} ({c.year}) "{c.title}"  [{c.source}]'
                )
        click.echo("  accept one with --accept ID (the best) or --accept ID=DOI")
    if differences:
        click.echo(f"\ndiffers from the registry ({len(differences)}), not changed:")
        for d in differences:
            click.echo(
                f"  ~ {d.where}  {d.id}: {d.field}: yours {d.ours!r}, {d.source} {d.theirs!r}"
            )
    click.echo(
        f"\n{len(proposals)} without DOI: {len(taken)} found, {len(open_)} to confirm"
        + (f"; {len(differences)} differences" if check_dois else "")
        + f"; {client.requests} requests, {client.cache_hits} from the cache"
    )
    if not taken:
        return
    if not write:
        click.echo(f"dry run, nothing written: add --write to add {len(taken)} DOIs")
        return
    outcome = write_dois(loaded, taken)
    for path in outcome.changed:
        click.echo(f"wrote {display_path(path)}")
    click.echo(f"added {outcome.added} DOIs")
    for line in outcome.by_hand:
        click.echo(f"  by hand: {line}")
