"""The documentation site's generated pages, its example runner and its pictures.

``python -m grantdocs.docsite`` rewrites the generated reference pages under ``docs/``;
``--check`` lists the stale ones (``tests/docsite`` fails on them).
"""
