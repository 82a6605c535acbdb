"""The build: load -> prepare -> render -> write -> pages -> report (``run.py``)."""

from grantdocs.build.run import (
    BuildOptions,
    BuildResult,
    DocumentReport,
    SlotReport,
    build,
    build_all,
    build_one,
    check_output_folder,
    document,
    plan,
    refuse_placeholders,
)

__all__ = [
    "BuildOptions",
    "BuildResult",
    "DocumentReport",
    "SlotReport",
    "build",
    "build_all",
    "build_one",
    "check_output_folder",
    "document",
    "plan",
    "refuse_placeholders",
]
