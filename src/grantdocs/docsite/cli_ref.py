"""The command-line reference, read from the click commands themselves."""

from __future__ import annotations

import click

from grantdocs.docsite.markdown import code, page, table


def _usage(command: click.Command, ctx: click.Context) -> str:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    return f"grantdocs {command.name} {pieces}".strip()


def _command(command: click.Command, parent: click.Context) -> list[str]:
    ctx = click.Context(command, info_name=command.name, parent=parent)
    body = [f"## {command.name}", "", "```text", _usage(command, ctx), "```", ""]
    help_text = (command.help or "").strip()
    if help_text:
        body += [" ".join(help_text.split()), ""]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if arguments:
        rows = [
            [code(a.human_readable_name), "yes" if a.required else "", "yes" if a.multiple else ""]
            for a in arguments
        ]
        body += [*table(["argument", "required", "repeatable"], rows), ""]
    options = []
    for param in command.params:
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record:
            options.append([code(record[0]), record[1]])
    if options:
        body += [*table(["option", "what it does"], options), ""]
    return body


def cli_page() -> str:
    """Every command and option, as ``grantdocs COMMAND --help`` shows them."""
    # lazy: cli.main loads only when this runs
    from grantdocs.cli.main import cli

    root = click.Context(cli, info_name="grantdocs")
    body: list[str] = []
    names = sorted(cli.list_commands(root))
    body += [
        *table(
            ["command", "what it does"],
            [[f"[{n}](#{n})", (cli.commands[n].get_short_help_str(limit=120))] for n in names],
        ),
        "",
    ]
    for name in names:
        body += _command(cli.commands[name], root)
    intro = (
        "Every command and option, as `grantdocs COMMAND --help` prints them. "
        "Exit codes: 0 done; 1 a mistake in an input file (the message names its "
        "`file:line:column`); 2 a usage error; 3 an output that cannot be written; "
        "4 LibreOffice missing where `--pdf` or `--fit` needs it; 70 a bug in grantdocs "
        "(with a traceback to report)."
    )
    return page("Command line", intro, body)
