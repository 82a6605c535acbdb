

def test_a_position_and_an_education_entry_get_their_id_parts_in_one_place() -> None:
    """Every importer adds positions and education through ImportResult: empty values
    dropped, the id from organisation/institution, year and title/degree, and an entry
    lacking a required value skipped with every missing name."""
    from grantdocs.errors import Location
    from grantdocs.importers.records import ImportResult

    result = ImportResult("cv.xml", "Europass")
    here = Location("cv.xml", 3)
    assert result.lacks(here, "work experience 1", {"position": None, "employer": ""})
    assert [s.reason for s in result.skipped] == ["no position, no employer"]
    assert not result.lacks(here, "work experience 2", {"position": "Lead", "employer": "HHI"})
    result.add_position(
        {"title": "Lead", "organisation": "Fraunhofer HHI", "start": "2021-03", "place": None},
        here, "work experience 2", [],
    )  # fmt: skip
    result.add_education(
        {"degree": "PhD", "institution": "TU Berlin", "start": 2014, "end": "2018-12"},
        here, "education 1", ["check"],
    )  # fmt: skip
    position, education = result.records
    assert position.entry == {"title": "Lead", "organisation": "Fraunhofer HHI", "start": "2021-03"}
    assert position.id_parts[1:] == (2021, "Lead")
    assert education.id_parts[1:] == (2018, "PhD") and education.warnings == ["check"]
