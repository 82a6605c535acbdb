"""Import CV data from BibTeX, CSL-JSON, ORCID and JSON Resume files into a profile.

``detect`` picks the reader, a reader returns an ``ImportResult`` of profile-shaped records,
``merge`` decides what is new and what is already in the profile, and ``writer`` appends the
new entries to ``imported.yaml`` beside the profile without touching the user's own files
beyond one ``include:`` line.
"""
