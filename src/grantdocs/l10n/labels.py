"""Every label grantdocs prints, marked for extraction into the gettext catalogs.

The message id of a label is its English text; DFG labels are the DFG's own English wording
(form 53.200), with the DFG's German wording as translation. Templates translate labels
with ``_("...")``; the lists here keep the catalog complete whether or not a template uses a
label yet, and give code a typed mapping from model values to labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from grantdocs.l10n.catalog import N_
from grantdocs.profile.records import PublicationKind, SupervisionLevel

DFG_CV: Final[tuple[str, ...]] = (
    N_("Personal Data"),
    # Translators: academic title of a person ("Dr. rer. nat."); also a project's title.
    N_("Title"),
    N_("First name"),
    N_("Last Name"),
    N_("Current position"),
    N_("Current institution(s)/site(s), country"),
    N_("Identifiers/ORCID"),
    N_("Qualifications and Career"),
    N_("Stages"),
    N_("Periods and Details"),
    N_("School, country"),
    N_("Degree programme"),
    N_("Doctorate"),
    N_("Stages of academic/professional career"),
    N_("Supplementary Career Information"),
    N_("Activities in the Research System"),
    N_("Supervision of Researchers in Early Career Phases"),
    N_("Scientific Results"),
    N_(
        "Category A – Articles in peer-reviewed journals, contributions to peer-reviewed "
        "conferences or to anthology volumes, and book publications"
    ),
    N_("Category B – Any other form of published results"),
    N_("Academic Distinctions"),
    N_("Other Information"),
    # Translators: followed by the date a fixed-term contract ends.
    N_("fixed-term until"),
)
"""The DFG CV form's section, table and row labels."""

CV: Final[tuple[str, ...]] = (
    N_("Curriculum Vitae"),
    N_("Short CV"),
    N_("Short Bio"),
    N_("Research interests"),
    N_("Personal Details"),
    N_("Contact"),
    N_("Address"),
    N_("Date of birth"),
    N_("Place of birth"),
    N_("Nationality"),
    N_("Gender"),
    N_("E-mail"),
    N_("Phone"),
    N_("Web"),
    N_("Education"),
    N_("Positions"),
    N_("Professional Experience"),
    N_("Career breaks"),
    N_("Projects"),
    N_("Third-party funded projects"),
    N_("Previous projects"),
    N_("Awards and Honours"),
    N_("Talks"),
    N_("Invited Lectures"),
    N_("Invited talk"),
    N_("Keynote"),
    # Translators: before the other dates of a talk given more than once ("also given 3 May 2023")
    N_("also given"),
    N_("Teaching"),
    N_("Course"),
    N_("Term"),
    N_("Supervision"),
    N_("Service"),
    N_("Memberships"),
    N_("Languages"),
    N_("Research Achievements"),
    N_("Peer Recognition"),
    N_("Additional Information"),
    N_("Ongoing and Submitted Grants"),
    N_("Publication List"),
    N_("Selected publications"),
    N_("Subject"),
    N_("Institution"),
    N_("Country"),
    N_("Date"),
    N_("Thesis"),
    N_("Doctoral thesis"),
    N_("Supervisors"),
    N_("Grade"),
    N_("Citations"),
    N_("h-index"),
    # Translators: precedes the date figures were taken, as in "Citations (as of May 2025)".
    N_("as of"),
)
"""Headings and field labels of the CVs, short CVs and profiles."""

PROJECT_TABLE: Final[tuple[str, ...]] = (
    N_("Acronym"),
    N_("Funder"),
    N_("Funding programme"),
    N_("Grant number"),
    N_("Period"),
    N_("Role"),
    N_("Leading role"),
    N_("Amount"),
    N_("Amount (Euros)"),
    N_("Status"),
    N_("Relation to current proposal"),
    N_("yes"),
    N_("no"),
)
"""Column labels of project and grant tables."""

WORDS: Final[tuple[str, ...]] = (
    # Translators: "Page 2 of 4" in page headers and footers.
    N_("Page"),
    # Translators: "Page 2 of 4" in page headers and footers.
    N_("of"),
    # Translators: starts an open period, "since 2021".
    N_("since"),
    # Translators: ends an open period, "2021 – present".
    N_("present"),
    N_("and"),
    # Translators: in author lists; German citations keep "et al." too.
    N_("et al."),
    N_("Open Access"),
    N_("Editors"),
    # Translators: abbreviation after one editor's name, "Smith J (ed.)".
    N_("ed."),
    # Translators: abbreviation after several editors' names, "Smith J, Lee K (eds.)".
    N_("eds."),
    # Translators: precedes the book or proceedings a chapter or paper appeared in.
    N_("In:"),
)
"""Small words used inside entries."""

PUBLICATION_KIND_HEADINGS: Final[Mapping[PublicationKind, str]] = {
    "journal_article": N_("Journal Articles"),
    "conference_paper": N_("Conference and Workshop Papers"),
    "workshop_paper": N_("Conference and Workshop Papers"),
    "preprint": N_("Preprints"),
    "book": N_("Books"),
    "edited_book": N_("Edited Books"),
    "book_chapter": N_("Book Chapters"),
    "thesis": N_("Theses"),
    "patent": N_("Patents"),
    "software": N_("Software"),
    "dataset": N_("Datasets"),
    "report": N_("Reports"),
    "book_review": N_("Book Reviews"),
    "working_paper": N_("Working Papers"),
    "manuscript": N_("Manuscripts"),
    "special_issue": N_("Edited Special Issues"),
    "proceedings": N_("Edited Proceedings"),
    "presentation": N_("Presentations"),
    "blog_post": N_("Blog Posts"),
    "other": N_("Other"),
}
"""Publication-list heading of each publication kind (several kinds may share one)."""

PUBLICATION_KIND_SPLIT: Final[tuple[str, ...]] = (
    N_("Conference Papers"),
    N_("Workshop Papers"),
)
"""Headings for lists that keep conference and workshop papers apart."""

PUBLICATION_STATUS_LABELS: Final[Mapping[str, str]] = {
    "published": N_("published"),
    "in_press": N_("in press"),
    "accepted": N_("accepted"),
    "under_review": N_("under review"),
    "submitted": N_("submitted"),
    "in_preparation": N_("in preparation"),
}
"""Label of each ``Publication.status``; documents usually print it only when not published."""

PATENT_STATUS_LABELS: Final[Mapping[str, str]] = {
    "filed": N_("filed"),
    "published": N_("published"),
    "granted": N_("granted"),
}
"""Label of each ``PatentMember.status``."""

PROJECT_STATUS_LABELS: Final[Mapping[str, str]] = {
    "awarded": N_("awarded"),
    "submitted": N_("submitted"),
    "rejected": N_("rejected"),
}
"""Label of each ``Project.status``."""

SUPERVISION_LEVEL_LABELS: Final[Mapping[SupervisionLevel, str]] = {
    "technical_staff": N_("Technical staff"),
    "postdoc": N_("Postdoctoral researchers"),
    "phd": N_("Doctoral researchers"),
    "master": N_("Master's students"),
    "bachelor": N_("Bachelor's students"),
    "guest": N_("Visiting researchers"),
    "other": N_("Other"),
}
"""Label of each supervision level, as a plural group heading or count label."""
