"""The template context: every name a template may use, localised and ready to print.

Every model field reaches a template through the generic mapping of ``context.fields``;
the row builders here add what is computed (``period``, ``citation``, ``kind_label``) and
replace a few fields by their printed form (``authors`` joined, ``amount`` formatted), as
``COMPUTED`` documents. ``docs/template-context.md`` is generated from both
(``grantdocs context --doc``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from grantdocs.cite import cite, owner_names
from grantdocs.cite.rich import Rich
from grantdocs.context.fields import Presenter
from grantdocs.formats.records import FormatSpec
from grantdocs.l10n.formatting import LocalizerLike as Localiser
from grantdocs.profile.names import Owners
from grantdocs.profile.records import (
    Award,
    CitationMetrics,
    Education,
    Membership,
    PatentFamily,
    Position,
    Profile,
    Project,
    Publication,
    Service,
    SupervisedPerson,
    Talk,
    Teaching,
    Text,
)
from grantdocs.profile.when import Dated
from grantdocs.profile.yamlpos import format_path
from grantdocs.select.engine import Selection, is_ongoing

Row = dict[str, Any]


IDENTIFIER_LINKS = (
    ("ORCID", "orcid", "https://orcid.org/{}"),
    ("Google Scholar", "google_scholar", "https://scholar.google.com/citations?user={}"),
    ("GitHub", "github", "https://github.com/{}"),
    ("LinkedIn", "linkedin", "https://www.linkedin.com/in/{}"),
)
"""Identifiers shown in ``person.identifiers``, in this order: label, field, link pattern."""

KIND_LABELS = {
    "journal_article": "Journal Articles",
    "conference_paper": "Conference Papers",
    "workshop_paper": "Workshop Papers",
    "preprint": "Preprints",
    "book": "Books",
    "edited_book": "Edited Books",
    "book_chapter": "Book Chapters",
    "thesis": "Theses",
    "patent": "Patents",
    "software": "Software",
    "dataset": "Datasets",
    "report": "Reports",
    "book_review": "Book Reviews",
    "working_paper": "Working Papers",
    "manuscript": "Manuscripts",
    "special_issue": "Edited Special Issues",
    "proceedings": "Edited Proceedings",
    "presentation": "Presentations",
    "blog_post": "Blog Posts",
    "other": "Other",
}


class ContextBuilder:
    """Builds the context for one profile, format, language and as-of date."""

    def __init__(
        self,
        profile: Profile,
        spec: FormatSpec,
        loc: Localiser,
        as_of: dt.date,
        owners: Owners | None = None,
    ) -> None:
        """``owners``: the names set in bold in every citation; None: the profile's owner (a
        team document passes every member's)."""
        self.profile = profile
        self.spec = spec
        self.loc = loc
        self.as_of = as_of
        self.owners = owners if owners is not None else owner_names(profile.person)
        self.present = Presenter(loc)
        self._index = {key: format_path(path) for key, path in profile.entry_paths().items()}

    # -- helpers --------------------------------------------------------------------------

    def t(self, value: Text | None, entry: object, field: str) -> str:
        """Localised text of ``entry.field`` (fallbacks recorded by path)."""
        base = self._index.get(id(entry), "person")
        return self.loc.text(value, f"{base}.{field}")

    def period(self, entry: Dated) -> str:
        """A period ("seit 2021", "Okt. 2019 – März 2023") or a point ("Dez. 2018") in the
        document's language; "" if undated."""
        when = entry.when()
        if when.open:
            return self.loc.period(when.start, when.end, "medium", "since")
        return self.loc.date(when.start, "medium") if when.start else ""

    # -- the context ----------------------------------------------------------------------

    def build(self, selections: dict[str, Selection]) -> dict[str, Any]:
        return {
            **header(self.spec, self.loc, self.as_of),
            "person": self.person(),
            "current_positions": [
                self.row("positions", p)
                for p in self.profile.positions
                if is_ongoing(p, self.as_of)
            ],
            "supervision": self.supervision(),
            "metrics": [
                self.present.model(m, f"metrics[{i}]") | self.metric(m)
                for i, m in enumerate(self.profile.metrics)
            ],
            "spoken_languages": [
                self.present.model(sl, f"spoken_languages[{i}]")
                for i, sl in enumerate(self.profile.spoken_languages)
            ],
            "career_breaks": [
                self.loc.text(t, f"career_breaks[{i}]")
                for i, t in enumerate(self.profile.career_breaks)
            ],
            "other_information": [
                self.loc.text(t, f"other_information[{i}]")
                for i, t in enumerate(self.profile.other_information)
            ],
            "slots": {name: self.slot(sel) for name, sel in selections.items()},
        }

    def slot(self, sel: Selection) -> Row:
        rows = [
            self.row(sel.rule.section, entry, number)
            for number, entry in enumerate(sel.kept, start=1)
        ]
        for number, (entry, row) in enumerate(zip(sel.kept, rows, strict=True), start=1):
            row["number"] = number
            row["also"] = [self.period(other) for other in sel.also(entry)]
        label = self.loc.gettext(sel.rule.label) if sel.rule.label else ""
        groups: list[Row] = []
        if sel.rule.section == "publications":
            for row in rows:
                if not groups or groups[-1]["kind"] != row["kind"]:
                    groups.append({"kind": row["kind"], "label": row["kind_label"], "entries": []})
                groups[-1]["entries"].append(row)
        return {
            "label": label,
            "entries": rows,
            "groups": groups,
            "count": len(rows),
            "eligible": sel.eligible,
            "limit": sel.rule.limit,
            "truncated": sel.truncated,
        }

    def row(self, section: str, entry: Any, number: int | None = None) -> Row:
        """Every field of ``entry`` (generic mapping), then the section's computed names.

        ``number`` is the entry's place in its slot (1, 2, ...); numbered citations show it.
        """
        row = self.present.model(entry, self._index.get(id(entry), section))
        if section == "publications":
            row.update(self.publication(entry, number))
        else:
            builder: Callable[[Any], Row] = getattr(self, _ROW_BUILDERS[section])
            row.update(builder(entry))
        return row

    def person(self) -> Row:
        p = self.profile.person
        inst = p.institution
        ids = p.identifiers
        identifiers = [
            {"label": label, "value": value, "url": url.format(value)}
            for label, field, url in IDENTIFIER_LINKS
            if (value := getattr(ids, field))
        ]
        for label, value in sorted(ids.other.items()):
            identifiers.append({"label": label, "value": value, "url": ""})
        address = ""
        country = ""
        if inst and inst.address:
            a = inst.address
            country = self.loc.text(a.country, "person.institution.address.country")
            city = " ".join(x for x in (a.postcode, a.city) if x)
            address = ", ".join(x for x in (a.street, city) if x)
        title = self.loc.text(p.title, "person.title")
        bio = self.loc.text(p.bio, "person.bio")
        return self.present.model(p, "person") | {
            "title": title,
            "given_names": p.given_names,
            "family_name": p.family_name,
            "full_name": " ".join(x for x in (title, p.given_names, p.family_name) if x),
            "former_names": ", ".join(p.former_names),
            "birth_date": self.loc.date(p.birth_date, "long") if p.birth_date else "",
            "birth_place": p.birth_place or "",
            "gender": p.gender or "",
            "nationality": self.loc.text(p.nationality, "person.nationality"),
            "career_stage": p.career_stage or "",
            "email": ", ".join(p.contact.email),
            "emails": list(p.contact.email),
            "phone": ", ".join(p.contact.phone),
            "web": ", ".join(link.url for link in p.links),
            "links": [{"label": link.label, "url": link.url} for link in p.links],
            "orcid": ids.orcid or "",
            **reference_identifier(ids),
            "identifiers": identifiers,
            "identifiers_text": "; ".join(f"{i['label']}: {i['value']}" for i in identifiers),
            "institution": {
                "name": self.loc.text(inst.name, "person.institution.name") if inst else "",
                "department": (
                    self.loc.text(inst.department, "person.institution.department") if inst else ""
                ),
                "address": address,
                "country": country,
                "url": (inst.url or "") if inst else "",
            },
            "bio": bio,
            "bio_paragraphs": [part.strip() for part in bio.split("\n\n") if part.strip()],
        }

    def publication(self, pub: Publication, number: int | None = None) -> Row:
        notes = [self.t(n, pub, f"notes[{i}]") for i, n in enumerate(pub.notes)]
        return {
            "kind_label": self.loc.gettext(KIND_LABELS[pub.kind]),
            "authors": ", ".join(pub.authors),
            "citation": cite(
                pub,
                self.spec.citation,
                self.owners,
                self.loc.word,
                notes=notes,
                number=number,
                lang=self.loc.lang,
                locale=self.loc.locale,
            ),
            "link": pub.link or "",
            "open_access": bool(pub.open_access),
            "notes": "; ".join(notes),
        }

    def project(self, pr: Project) -> Row:
        return {
            "period": self.period(pr),
            "leading": self.loc.word("yes" if pr.leading_role else "no"),
            "amount": self.loc.amount(pr.amount, pr.currency) if pr.amount is not None else "",
            "amount_value": pr.amount,
            "status": self.loc.word(pr.status),
            "ongoing": is_ongoing(pr, self.as_of),
        }

    def position(self, po: Position) -> Row:
        return {"period": self.period(po), "current": is_ongoing(po, self.as_of)}

    def education(self, ed: Education) -> Row:
        return {
            "period": self.period(ed),
            "date": self.loc.date(ed.date, "long") if ed.date else "",
            "supervisors": ", ".join(ed.supervisors),
        }

    def award(self, aw: Award) -> Row:
        when = aw.when()
        if when.start and when.end:  # a recognition over several years: "2022 – 2024"
            return {"date": self.loc.period(when.start, when.end, "year", "since")}
        return {}

    def talk(self, tk: Talk) -> Row:
        return {}

    def service(self, sv: Service) -> Row:
        return {"period": self.period(sv)}

    def teaching(self, te: Teaching) -> Row:
        return {"term": te.term or (str(te.year) if te.year else "")}

    def patent(self, pf: PatentFamily) -> Row:
        members = []
        for m in pf.members:
            status = f"{self.loc.word(m.status)} {self.loc.date(m.date, 'medium')}"
            number = " ".join(x for x in (m.office, m.number) if x)
            members.append(
                {
                    "office": m.office or "",
                    "number": m.number or "",
                    "title": m.title,
                    "status": self.loc.word(m.status),
                    "date": self.loc.date(m.date, "medium"),
                    "text": f"{number} ({status})" if number else status,
                }
            )
        return {"members": members, "members_text": "; ".join(m["text"] for m in members)}

    def membership(self, me: Membership) -> Row:
        return {"period": self.period(me)}

    def supervised(self, sp: SupervisedPerson) -> Row:
        return {"period": self.period(sp)}

    def supervision(self) -> Row:
        s = self.profile.supervision
        return self.present.model(s, "supervision") | {
            "since": s.since.year if s.since else None,
            "cases": [self.row("supervision", c) for c in s.cases],
        }

    def metric(self, m: CitationMetrics) -> Row:
        return {"citations": m.all.citations, "h_index": m.all.h_index}


def header(spec: FormatSpec, loc: Localiser, as_of: dt.date) -> dict[str, Any]:
    """What every document's context starts with, a person's or a team's: ``_``, ``word``,
    ``lang``, ``as_of`` and ``format`` (its id, its title in the document's language(s), its
    page limit)."""
    return {
        "_": loc.gettext,
        "word": loc.word,
        "lang": loc.lang,
        "as_of": loc.date(as_of, "long"),
        "format": {
            "id": spec.id,
            "title": loc.gettext(spec.title),
            "page_limit": spec.page_limit,
        },
    }


COMPUTED: dict[str, dict[str, str]] = {
    "publications": {
        "kind_label": "the kind, translated ('Journal Articles')",
        "authors": "the author list as one text",
        "citation": "rich text: the whole citation in the format's style, owner in bold, "
        "DOI or URL as a link; print with {{r pub.citation }}",
        "link": "DOI link, else URL, else arXiv or OpenReview page",
        "open_access": "true when the work is open access",
        "notes": "the notes as one text, joined by '; '",
    },
    "projects": {
        "period": "start and end as one text ('since 2021')",
        "leading": "'yes' or 'no', translated",
        "amount": "the amount formatted with its currency ('1.250.000,00 €')",
        "amount_value": "the amount as a number (spreadsheets)",
        "status": "awarded, submitted or rejected, translated",
        "ongoing": "true when the project runs on the as-of date",
    },
    "positions": {
        "period": "start and end as one text",
        "current": "true when the position runs on the as-of date",
    },
    "education": {
        "period": "start and end as one text",
        "date": "the date the degree was awarded, long form",
        "supervisors": "the supervisors as one text",
    },
    "awards": {"date": "the year (or date), or the years of a recurring recognition"},
    "talks": {},
    "invited_lectures": {},
    "service": {"period": "start and end as one text"},
    "teaching": {"term": "the term ('WS 24/25'), else the year"},
    "patents": {
        "members": "national members: office, number, title, status (translated), date, text",
        "members_text": "the members as one text ('EP 3 271 111 (granted 12 Jan 2022); ...')",
    },
    "memberships": {"period": "start and end as one text"},
    "supervision": {"period": "start and end as one text"},
}
"""Names a section's rows have beyond (or instead of) the generic mapping of its fields."""


def reference_identifier(ids: Any) -> Row:
    """The researcher identifier funders' forms ask for first: ORCID, else ResearcherID,
    else Scopus Author ID; both fields are "" when the profile has none of them."""
    for kind, value in (
        ("ORCID", ids.orcid),
        ("ResearcherID", ids.researcher_id),
        ("Scopus Author ID", ids.scopus_author_id),
    ):
        if value:
            return {"reference_identifier": value, "identifier_type": kind}
    return {"reference_identifier": "", "identifier_type": ""}


_ROW_BUILDERS = {
    "publications": "publication",
    "projects": "project",
    "awards": "award",
    "talks": "talk",
    "invited_lectures": "talk",
    "positions": "position",
    "education": "education",
    "teaching": "teaching",
    "service": "service",
    "patents": "patent",
    "memberships": "membership",
    "supervision": "supervised",
}


def context_yaml(context: dict[str, Any]) -> str:
    """The context as YAML for ``grantdocs context``: rich text as plain text, ``_`` noted."""

    def plain(value: Any) -> Any:
        if isinstance(value, Rich):
            return str(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if not callable(v)}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    head = (
        '# _(msgid): translates a label, e.g. {{ _("Personal Data") }}; in a bilingual\n'
        "# document it gives both languages. word(msgid): the same in the document's\n"
        '# (first) language only, e.g. {{ word("Page") }} in a footer.\n'
    )
    # lazy: PyYAML loads only when this runs (a build that reads no YAML never loads it)
    import yaml

    return head + yaml.safe_dump(plain(context), allow_unicode=True, sort_keys=False, width=100)
