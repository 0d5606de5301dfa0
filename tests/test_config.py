import pytest

from care_directory.config import contrast_with_white, load_site
from care_directory.listings.validation import InputError
from conftest import SAMPLE_SITE


def copy_config(tmp_path, replace: tuple[str, str]):
    (tmp_path / "config").mkdir()
    text = (SAMPLE_SITE / "config" / "site.yaml").read_text().replace(*replace)
    (tmp_path / "config" / "site.yaml").write_text(text)
    return tmp_path


def test_the_fixture_config_loads_with_its_districts(site):
    assert list(site.districts) == [
        "cambridge",
        "east-cambridgeshire",
        "fenland",
        "huntingdonshire",
        "south-cambridgeshire",
    ]
    assert site.vocabulary.services["cooking"].label == "Cooking and meal preparation"
    assert site.vocabulary.group_of("toileting").personal_care


def test_a_header_colour_too_light_for_white_text_is_refused(tmp_path):
    root = copy_config(tmp_path, ('brand_colour: "#0b5563"', 'brand_colour: "#7fb2e5"'))
    with pytest.raises(InputError) as raised:
        load_site(root)
    assert [str(p) for p in raised.value.problems] == [
        "config/site.yaml: brand_colour: white text on #7fb2e5 has contrast 2.2:1; choose a darker colour (4.5:1 or "
        "more)"
    ]


def test_an_unknown_config_field_is_reported_with_its_line(tmp_path):
    root = copy_config(tmp_path, ("report_email:", "report_emial:"))
    lines = (root / "config" / "site.yaml").read_text().splitlines()
    typo_line = next(n for n, line in enumerate(lines, 1) if line.startswith("report_emial:"))
    first_field_line = next(n for n, line in enumerate(lines, 1) if line and not line.startswith("#"))
    with pytest.raises(InputError) as raised:
        load_site(root)
    problems = [str(p) for p in raised.value.problems]
    assert problems[0] == f"config/site.yaml:{first_field_line}: report_email: this field is required"
    assert problems[1].startswith(
        f"config/site.yaml:{typo_line}: report_emial: unknown field 'report_emial' (fields allowed here: council_name, "
    )
    assert len(problems) == 2


def test_contrast_matches_wcag_figures():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
