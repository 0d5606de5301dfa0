"""The public history on provider pages: resident-relevant changes only, from valid versions, never stopping a build."""

import dataclasses
import re
import shutil
import subprocess

import yaml

from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, SAMPLE_SITE

VALID = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text())


class Repository:
    """A council repository whose listings change commit by commit."""

    def __init__(self, root):
        self.root = root
        self.day = 0
        shutil.copytree(SAMPLE_SITE / "config", root / "config")
        (root / "content" / "providers").mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args):
        when = f"2026-11-{10 + self.day:02d}T10:00:00"
        environment = {
            "GIT_AUTHOR_NAME": "Editor",
            "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "Editor",
            "GIT_COMMITTER_EMAIL": "editor@example.org",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "PATH": "/usr/bin:/bin",
        }
        subprocess.run(["git", "-C", str(self.root), *args], check=True, capture_output=True, env=environment)

    def commit(self, files: dict):
        """Write (text or data) or delete (None) listing files, and commit them the next day."""
        self.day += 1
        for slug, content in files.items():
            path = self.root / "content" / "providers" / f"{slug}.yaml"
            if content is None:
                path.unlink()
            else:
                path.write_text(content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False))
        self.git("add", "-A")
        self.git("commit", "-q", "-m", f"day {self.day}")

    def history(self, site, tmp_path, slug):
        output = tmp_path / "output"
        publish(dataclasses.replace(site, root=self.root), output, BUILD_DATE)
        page = (output / "providers" / slug / "index.html").read_text()
        found = re.search(r'<ul class="govuk-list app-history">(.*?)</ul>', page, re.S)
        items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S) if found else []
        return [" ".join(re.sub("<[^>]+>", "", item).split()) for item in items], page


def listing(**changes):
    data = yaml.safe_load(yaml.safe_dump(VALID))
    for key, value in changes.items():
        data[key] = value
    return data


def test_only_resident_relevant_changes_are_shown(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    repo.commit({"tidy-homes": listing()})
    repo.commit(
        {
            "tidy-homes": listing(
                summary="A new summary that is free text.",
                contact={"phone": "07700 900123", "contact_name": "Sam Former"},
                services=["cleaning", "laundry"],
                availability={"accepting_new_clients": False, "days": ["mon", "tue", "wed"]},
            )
        }
    )
    items, page = repo.history(site, tmp_path, "tidy-homes")
    assert items == [
        "12 November 2026: added service laundry and ironing; no longer taking new clients; working days now Monday "
        "to Wednesday"
    ]
    assert "07700" not in page.split('id="history"')[1].split("</ul>")[0]
    assert "summary" not in items[0] and "contact" not in items[0] and "Sam Former" not in items[0]


def test_a_version_that_fails_todays_checks_contributes_nothing(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    repo.commit({"tidy-homes": listing()})
    home = listing(base={"town": "14 Church End, Ely", "postcode_district": "CB7"}, services=["cleaning", "gardening"])
    repo.commit({"tidy-homes": home})  # refused today: a home address
    repo.commit({"tidy-homes": listing(services=["cleaning", "gardening"])})
    items, page = repo.history(site, tmp_path, "tidy-homes")
    assert items == [
        "13 November 2026: added service gardening",
        "12 November 2026: details of this change are not available",
    ]
    assert "Church End" not in page


def test_a_malformed_old_version_never_stops_the_build(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    repo.commit({"tidy-homes": listing()})
    repo.commit({"tidy-homes": "name: [unclosed\n" + "x: " + "[" * 5000 + "\n"})
    repo.commit({"tidy-homes": listing(status="paused")})
    items, _ = repo.history(site, tmp_path, "tidy-homes")
    assert items == [
        "13 November 2026: paused: not taking new clients for now",
        "12 November 2026: details of this change are not available",
    ]


def test_a_suspension_and_its_reason_are_never_shown(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    repo.commit({"tidy-homes": listing()})
    repo.commit({"tidy-homes": listing(status="suspended")})
    repo.commit({"tidy-homes": listing(status="active")})
    items, _ = repo.history(site, tmp_path, "tidy-homes")
    assert items == []


def test_a_new_provider_never_inherits_a_removed_ones_past(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    old = listing(name="Old Carers", services=["cleaning", "shopping"])
    repo.commit({"old-carers": old})
    repo.commit({"old-carers": listing(name="Old Carers", services=["cleaning"])})
    # In one commit: the old file goes and a near-identical new one arrives (git would call it a rename).
    repo.commit({"old-carers": None, "new-carers": listing(name="New Carers", services=["cleaning"])})
    items, page = repo.history(site, tmp_path, "new-carers")
    assert items == []
    assert "app-history" not in page and "shopping" not in page


def test_nothing_from_before_the_listing_date_is_shown(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    repo.commit({"tidy-homes": listing()})
    repo.commit({"tidy-homes": listing(services=["cleaning", "gardening"])})  # 12 November 2026
    repo.commit({"tidy-homes": listing(services=["cleaning", "gardening", "shopping"], listed_since="2026-11-13")})
    items, page = repo.history(site, tmp_path, "tidy-homes")
    assert items == ["13 November 2026: added service collecting prescriptions and shopping"]
    assert "Listed since 13 November 2026." in page


def test_the_free_text_of_an_old_price_label_is_never_repeated(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    own_label = {"service_or_label": "Cooking for Mrs Jean Smith of Histon", "amount": 20, "unit": "hour"}
    repo.commit({"tidy-homes": listing(pricing=[*VALID["pricing"], own_label])})
    repo.commit({"tidy-homes": listing()})
    items, page = repo.history(site, tmp_path, "tidy-homes")
    assert items == ["12 November 2026: price removed £20 an hour for other help"]
    assert "Jean Smith" not in page


def test_a_merged_branch_is_described_as_main_saw_it(site, tmp_path):
    repo = Repository(tmp_path / "repo")
    repo.commit({"tidy-homes": listing()})
    repo.git("checkout", "-q", "-b", "prices")
    repo.commit({"tidy-homes": listing(pricing=[{"service_or_label": "cleaning", "amount": 30, "unit": "hour"}])})
    repo.git("checkout", "-q", "main")
    repo.commit({"tidy-homes": listing(availability={"accepting_new_clients": True, "days": ["mon"]})})
    repo.day += 1
    repo.git("merge", "-q", "--no-ff", "-m", "Merge prices", "prices")
    items, page = repo.history(site, tmp_path, "tidy-homes")
    assert items == [
        "14 November 2026: new price £30 an hour for cleaning; price removed £18 an hour for cleaning",
        "13 November 2026: working days now Monday",
    ]
