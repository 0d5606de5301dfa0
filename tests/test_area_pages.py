"""Pages for residents without JavaScript: each type of help in each area, and where the geodata is credited."""


def test_each_area_lists_the_help_offered_there_with_a_page_for_each(page, sample_build):
    _, directory = sample_build
    area = page("areas/cambridge/")
    offered = directory.services_in("cambridge")
    links = [a["href"] for a in area.select("main ul.app-browse-list a")]
    assert links == [f"/areas/cambridge/{service_id}/" for service_id in offered]
    assert "cleaning" in offered


def test_a_service_in_an_area_lists_exactly_the_providers_offering_it_there(page, sample_build):
    _, directory = sample_build
    listed = [a.get_text() for a in page("areas/cambridge/cleaning/").select(".app-result__title a")]
    expected = [p.name for p in directory.providers if "cambridge" in p.district_ids and "cleaning" in p.service_ids]
    assert listed == expected and listed
    assert page("areas/cambridge/cleaning/").h1.get_text() == "Cleaning in Cambridge"


def test_no_page_for_help_nobody_offers_in_an_area(sample_output, sample_build):
    _, directory = sample_build
    for district_id in directory.site.districts:
        offered = set(directory.services_in(district_id))
        for service_id in directory.site.vocabulary.services:
            exists = (sample_output / "areas" / district_id / service_id / "index.html").exists()
            assert exists == (service_id in offered), (district_id, service_id)


def test_the_geodata_is_credited_where_locations_are_used(page):
    for path in ("search/", "open-data/"):
        credit = page(path).select_one(".app-attribution").get_text(" ", strip=True)
        assert "Contains OS data © Crown copyright and database right 2025" in credit
        assert "Royal Mail data © Royal Mail copyright" in credit
        assert "Open Government Licence v3.0" in credit
