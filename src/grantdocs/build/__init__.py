"""The build: load -> prepare -> render -> write -> pages -> report (``run.py``)."""

from grantdocs.build.checks import refuse_placeholders
from grantdocs.build.options import BuildOptions
from grantdocs.build.run import build, build_all, check_output_folder, plan
from grantdocs.build.tasks import build_one, document
from grantdocs.report import BuildResult, DocumentReport, SlotReport

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
