"""The template context: every name a template may use, localised and ready to print.

Rows carry display strings (``period``, ``date``) and, for spreadsheets, raw values
(``start_date``, ``amount_value``). ``docs/template-context.md`` documents every name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from grantdocs.formats.spec import FormatSpec
from grantdocs.l10n.formatting import LocalizerLike as Localiser
from grantdocs.profile.model import LIST_SECTIONS, Profile, Text
from grantdocs.render.cite import cite, owner_names
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
    "other": "Other",
}


class ContextBuilder:
    """Builds the context for one profile, format, language and as-of date."""

    def __init__(self, profile: Profile, spec: FormatSpec, loc: Localiser, as_of: dt.date) -> None:
        self.profile = profile
        self.spec = spec
        self.loc = loc
        self.as_of = as_of
        self.owners = owner_names(profile.person)
        self._index: dict[int, str] = {}
        for section in LIST_SECTIONS:
            for i, entry in enumerate(getattr(profile, section)):
                self._index[id(entry)] = f"{section}[{i}]"
        for i, case in enumerate(profile.supervision.cases):
            self._index[id(case)] = f"supervision.cases[{i}]"

    # -- helpers --------------------------------------------------------------------------

    def t(self, value: Text | None, entry: object, field: str) -> str:
        """Localised text of ``entry.field`` (fallbacks recorded by path)."""
        base = self._index.get(id(entry), "person")
        return self.loc.text(value, f"{base}.{field}")

    def period(self, entry: Any) -> str:
        start, end = getattr(entry, "start", None), getattr(entry, "end", None)
        if start is None and end is None:
            date = getattr(entry, "date", None)
            return self.loc.date(date, "medium") if date else ""
        return self.loc.period(start, end, "medium", "since")

    # -- the context ----------------------------------------------------------------------

    def build(self, selections: dict[str, Selection]) -> dict[str, Any]:
        loc = self.loc
        return {
            "_": loc.gettext,
            "word": loc.word,
            "lang": loc.lang,
            "as_of": loc.date(self.as_of, "long"),
            "format": {
                "id": self.spec.id,
                "title": loc.text(self.spec.title, "format.title"),
                "page_limit": self.spec.page_limit,
            },
            "person": self.person(),
            "current_positions": [
                self.position(p) for p in self.profile.positions if is_ongoing(p, self.as_of)
            ],
            "supervision": self.supervision(),
            "metrics": [self.metric(m) for m in self.profile.metrics],
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
        rows = [self.row(sel.rule.section, entry) for entry in sel.kept]
        for number, row in enumerate(rows, start=1):
            row["number"] = number
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

    def row(self, section: str, entry: Any) -> Row:
        builder: Callable[[Any], Row] = getattr(self, _ROW_BUILDERS[section])
        return builder(entry)

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
        return {
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

    def publication(self, pub: Any) -> Row:
        notes = [self.t(n, pub, f"notes[{i}]") for i, n in enumerate(pub.notes)]
        return {
            "id": pub.id,
            "kind": pub.kind,
            "kind_label": self.loc.gettext(KIND_LABELS[pub.kind]),
            "year": pub.year,
            "title": pub.title,
            "venue": pub.venue or "",
            "authors": ", ".join(pub.authors),
            "citation": cite(pub, self.spec.citation, self.owners, self.loc.word),
            "link": pub.link or "",
            "doi": pub.doi or "",
            "open_access": bool(pub.open_access),
            "peer_reviewed": pub.peer_reviewed,
            "notes": "; ".join(notes),
            "code_urls": list(pub.code_urls),
            "rank": pub.rank,
        }

    def project(self, pr: Any) -> Row:
        return {
            "id": pr.id,
            "acronym": pr.acronym,
            "title": self.t(pr.title, pr, "title"),
            "funder": self.t(pr.funder, pr, "funder"),
            "programme": self.t(pr.programme, pr, "programme"),
            "grant_number": pr.grant_number or "",
            "period": self.period(pr),
            "start_date": pr.start.first_day() if pr.start else None,
            "end_date": pr.end.last_day() if pr.end else None,
            "start_precision": pr.start.precision if pr.start else None,
            "end_precision": pr.end.precision if pr.end else None,
            "role": self.t(pr.role, pr, "role"),
            "leading_role": pr.leading_role,
            "leading": self.loc.word("yes" if pr.leading_role else "no"),
            "amount": self.loc.amount(pr.amount, pr.currency) if pr.amount is not None else "",
            "amount_value": pr.amount,
            "currency": pr.currency,
            "status": self.loc.word(pr.status),
            "ongoing": is_ongoing(pr, self.as_of),
            "description": self.t(pr.description, pr, "description"),
            "relation_to_proposal": self.t(pr.relation_to_proposal, pr, "relation_to_proposal"),
        }

    def position(self, po: Any) -> Row:
        return {
            "period": self.period(po),
            "start_date": po.start.first_day() if po.start else None,
            "end_date": po.end.last_day() if po.end else None,
            "start_precision": po.start.precision if po.start else None,
            "end_precision": po.end.precision if po.end else None,
            "title": self.t(po.title, po, "title"),
            "organisation": self.t(po.organisation, po, "organisation"),
            "department": self.t(po.department, po, "department"),
            "place": po.place or "",
            "country": self.t(po.country, po, "country"),
            "description": self.t(po.description, po, "description"),
            "details": [self.t(d, po, f"details[{i}]") for i, d in enumerate(po.details)],
            "current": is_ongoing(po, self.as_of),
            "fixed_term_until": (
                self.loc.date(po.fixed_term_until, "medium") if po.fixed_term_until else ""
            ),
        }

    def education(self, ed: Any) -> Row:
        return {
            "period": self.period(ed),
            "date": self.loc.date(ed.date, "long") if ed.date else "",
            "degree": self.t(ed.degree, ed, "degree"),
            "subject": self.t(ed.subject, ed, "subject"),
            "institution": self.t(ed.institution, ed, "institution"),
            "place": ed.place or "",
            "country": self.t(ed.country, ed, "country"),
            "thesis_title": ed.thesis_title or "",
            "supervisors": ", ".join(ed.supervisors),
            "grade": self.t(ed.grade, ed, "grade"),
            "focus": self.t(ed.focus, ed, "focus"),
        }

    def award(self, aw: Any) -> Row:
        if aw.date and aw.end:
            when = self.loc.period(aw.date, aw.end, "year", "since")
        else:
            when = self.loc.date(aw.date, "medium") if aw.date else ""
        return {
            "id": aw.id or "",
            "date": when,
            "name": self.t(aw.name, aw, "name"),
            "body": self.t(aw.body, aw, "body"),
            "note": self.t(aw.note, aw, "note"),
        }

    def talk(self, tk: Any) -> Row:
        return {
            "date": self.loc.date(tk.date, "medium"),
            "title": tk.title,
            "event": tk.event,
            "place": tk.place or "",
            "invited": tk.invited,
            "keynote": tk.keynote,
            "kind": self.t(tk.kind, tk, "kind"),
        }

    def service(self, sv: Any) -> Row:
        return {
            "period": self.period(sv),
            "role": self.t(sv.role, sv, "role"),
            "organisation": self.t(sv.organisation, sv, "organisation"),
            "kind": sv.kind,
            "description": self.t(sv.description, sv, "description"),
        }

    def teaching(self, te: Any) -> Row:
        return {
            "term": te.term or (str(te.year) if te.year else ""),
            "year": te.year,
            "course": self.t(te.course, te, "course"),
            "institution": self.t(te.institution, te, "institution"),
            "role": self.t(te.role, te, "role"),
        }

    def patent(self, pf: Any) -> Row:
        members = []
        for m in pf.members:
            status = f"{self.loc.word(m.status)} {self.loc.date(m.date, 'medium')}"
            number = " ".join(x for x in (m.office, m.number) if x)
            members.append(
                {
                    "office": m.office or "",
                    "number": m.number or "",
                    "status": self.loc.word(m.status),
                    "date": self.loc.date(m.date, "medium"),
                    "text": f"{number} ({status})" if number else status,
                }
            )
        return {
            "id": pf.id,
            "title": pf.title,
            "year": pf.year,
            "members": members,
            "members_text": "; ".join(m["text"] for m in members),
        }

    def membership(self, me: Any) -> Row:
        return {
            "period": self.period(me),
            "organisation": self.t(me.organisation, me, "organisation"),
            "role": self.t(me.role, me, "role"),
        }

    def supervised(self, sp: Any) -> Row:
        return {
            "name": sp.name,
            "level": sp.level,
            "period": self.period(sp),
            "role": self.t(sp.role, sp, "role"),
            "thesis_title": sp.thesis_title or "",
        }

    def supervision(self) -> Row:
        s = self.profile.supervision
        return {
            "summary": self.loc.text(s.summary, "supervision.summary"),
            "since": s.since.year if s.since else None,
            "cases": [self.supervised(c) for c in s.cases],
        }

    def metric(self, m: Any) -> Row:
        return {
            "source": m.source,
            "retrieved": self.loc.date(m.retrieved, "long"),
            "citations": m.all.citations,
            "h_index": m.all.h_index,
        }


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
    import yaml

    from grantdocs.render.rich import Rich

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
    return head + yaml.safe_dump(plain(context), allow_unicode=True, sort_keys=False, width=100)
