"""``grantdocs serve``: a local web page over the same profile files, showing each document
as LibreOffice lays it out and why each entry is in it, and saving the owner's decisions to
``choices.yaml`` (``grantdocs.select.choices_file``)."""
