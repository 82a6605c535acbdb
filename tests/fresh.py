"""Run code in a fresh Python and ask which modules it loaded (what stays lazy)."""

from __future__ import annotations

import subprocess
import sys


def loaded_below(code: str, *prefixes: str) -> list[str]:
    """The modules named ``prefixes`` or below them that a fresh Python has loaded after
    running ``code``, sorted."""
    report = (
        "\nimport sys\n"
        f"print('\\n'.join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code + report], capture_output=True, text=True, check=True
    )
    return done.stdout.split()
