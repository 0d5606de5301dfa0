from datetime import date

from care_directory.listings.loader import load_listings
from conftest import FIXTURES, site_with_root, write_listing

SERVICE_IDS = (
    "eating-and-drinking, toileting, washing-and-bathing, dressing, oral-care, skin-hair-and-nail-care, "
    "cleaning, gardening, cooking, laundry, paperwork, pet-care, shopping, keeping-well, sitting-service, "
    "day-respite, overnight-respite, trips-out, creative-activities, life-skills, support-to-work"
)
LISTING_FIELDS = (
    "name, summary, description, business_type, workers, services, areas, base, contact, availability, "
    "pricing, payment, regulation, checks, insurance, training, languages, status, council_reference, listed_since, "
    "last_reviewed"
)

# What an editor sees for the fixture folder of broken listings: every
# problem in every file, in one run.
EXPECTED_PROBLEMS = [
    "content/providers/Tidy_Homes.yaml: (file): the file name 'Tidy_Homes.yaml' must be lower-case letters, digits "
    "and hyphens, for example bright-days-home-support.yaml",
    "content/providers/archive: (file): is a sub-folder: listings go directly in content/providers/ and sub-folders "
    "are not read; move its files up or delete it",
    f"content/providers/bad-ids.yaml:7: services[1]: unknown service 'bathing': use one of: {SERVICE_IDS}",
    "content/providers/bad-ids.yaml:9: areas.districts[0]: unknown district 'ely': use one of: cambridge, "
    "east-cambridgeshire, fenland, huntingdonshire, south-cambridgeshire",
    "content/providers/bad-ids.yaml:32: checks.dbs: unknown check 'dbs': use one of: identity, right_to_work, "
    "enhanced_dbs, basic_dbs, ccj, references",
    "content/providers/missing-required.yaml:1: regulation: this field is required",
    "content/providers/missing-required.yaml:1: summary: this field is required",
    "content/providers/missing-required.yaml:12: contact: give at least one of: phone or email",
    "content/providers/unknown-fields.yaml:13: base.street: '1 High Street' looks like a home address: give only the "
    "town and postcode district (for example CB4), never a street or full postcode",
    "content/providers/unknown-fields.yaml:13: base.street: unknown field 'street' (fields allowed here: town, "
    "postcode_district)",
    "content/providers/unknown-fields.yaml:28: website: unknown field 'website' (fields allowed here: "
    f"{LISTING_FIELDS})",
    "content/providers/wrong-types.yaml:6: workers: must be a number, not the text '0123' (write digits only, without "
    "quotes or a leading zero)",
    "content/providers/wrong-types.yaml:16: availability.accepting_new_clients: must be true or false, not the text "
    "'no' (write true or false without quotes)",
    "content/providers/wrong-types.yaml:27: listed_since: '2025-02-30' is not a real date: dates are written "
    "2025-03-01",
    "content/providers/yaml-syntax.yaml:12: (file): this line is not valid YAML: check the indentation and the quotes "
    "(the YAML reader said: did not find expected key)",
]


def test_every_problem_in_every_broken_file_is_reported_together(site):
    listings, problems = load_listings(site_with_root(site, FIXTURES / "broken"))
    assert [str(p) for p in sorted(problems)] == EXPECTED_PROBLEMS


def test_files_with_problems_are_not_loaded_and_the_rest_are(site):
    listings, _ = load_listings(site_with_root(site, FIXTURES / "broken"))
    # The copy in a sub-folder is never read: only the top-level file is valid.
    assert [listing.file for listing in listings] == ["content/providers/same-name.yaml"]


def test_a_valid_listing_has_real_dates(site, tmp_path):
    write_listing(tmp_path, "tidy-homes", (FIXTURES / "valid-listing.yaml").read_text())
    (listing,), problems = load_listings(site_with_root(site, tmp_path))
    assert problems == []
    assert listing.slug == "tidy-homes"
    assert listing.data["last_reviewed"] == date(2026, 10, 1)


def test_registered_providers_must_give_their_cqc_location_id(site, tmp_path):
    text = (FIXTURES / "valid-listing.yaml").read_text().replace("cqc: not_applicable", "cqc: registered")
    write_listing(tmp_path, "tidy-homes", text)
    _, problems = load_listings(site_with_root(site, tmp_path))
    assert [str(p) for p in problems] == [
        "content/providers/tidy-homes.yaml:24: regulation.cqc_location_id: this field is required"
    ]


def test_a_website_must_use_https(site, tmp_path):
    text = (
        (FIXTURES / "valid-listing.yaml")
        .read_text()
        .replace('  phone: "01632 960555"', '  phone: "01632 960555"\n  website: http://tidy.example.org')
    )
    write_listing(tmp_path, "tidy-homes", text)
    _, problems = load_listings(site_with_root(site, tmp_path))
    assert [str(p) for p in problems] == [
        "content/providers/tidy-homes.yaml:15: contact.website: 'http://tidy.example.org' is not in the right form. "
        "The business's website. Must start with https://."
    ]


def test_an_oversized_file_is_refused_before_it_is_parsed(site, tmp_path):
    write_listing(tmp_path, "huge", "name: A\ndescription: |\n" + "  words words words\n" * 5000)
    _, problems = load_listings(site_with_root(site, tmp_path))
    assert [str(p) for p in problems] == ["content/providers/huge.yaml: (file): the file is 97 KB; the limit is 64 KB"]


def test_the_sample_listings_are_all_valid(site):
    listings, problems = load_listings(site)
    assert problems == []
    assert len(listings) == 40


def test_fields_of_the_wrong_shape_are_reported_not_crashed_on(site, tmp_path):
    # Found by the property tests: 'areas' written as a list crashed the district check.
    text = (
        (FIXTURES / "valid-listing.yaml")
        .read_text()
        .replace("areas:\n  districts: [east-cambridgeshire]", "areas: [east-cambridgeshire]")
    )
    write_listing(tmp_path, "tidy-homes", text)
    _, problems = load_listings(site_with_root(site, tmp_path))
    assert [str(p) for p in problems] == [
        "content/providers/tidy-homes.yaml:8: areas: must be a group of fields, not a list"
    ]
