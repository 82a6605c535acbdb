"""``python -m grantdocs``."""

from grantdocs.cli.main import main

main()
