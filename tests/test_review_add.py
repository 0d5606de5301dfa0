"""`review-add` drafts a review from a resident's submission; `check` and the pull-request summary show it."""

from __future__ import annotations

import pytest
import yaml
from test_editing import council_folder, git

from care_directory.cli import main
from conftest import FIXTURES

VALID = (FIXTURES / "valid-listing.yaml").read_text()
REVIEW_TEXT = "Always on time & careful with my mother's things.\nWould recommend to anyone, they never rush."
# As theme/static/form-mail.js composes it (tests/test_forms.py sends the form that writes it).
COMPOSED_EMAIL = f"""How many stars would you give Tidy Homes? [rating]\r
4\r
\r
What did Tidy Homes help with? [help]\r
Cleaning every week\r
\r
Month [used_month]\r
10\r
\r
Year [used_year]\r
2026\r
\r
Your review [review]\r
{REVIEW_TEXT.replace(chr(10), chr(13) + chr(10))}\r
\r
Name to show with your review (optional) [display_name]\r
Sam Smith\r
\r
Your e-mail address or phone number (optional) [contact]\r
sam@example.org\r
\r
I used Tidy Homes, or the person I care for did, and this review is true [declaration]\r
Yes\r
\r
form-name [form-name]\r
review\r
\r
provider [provider]\r
tidy-homes"""
# As a browser without JavaScript writes a text/plain form into the e-mail.
PLAIN_EMAIL = (
    "form-name=review\r\nprovider=tidy-homes\r\nrating=4\r\nhelp=Cleaning every week\r\nused_month=10\r\n"
    f"used_year=2026\r\nreview={REVIEW_TEXT}\r\ndisplay_name=Sam Smith\r\ncontact=01632 960123\r\ndeclaration=yes\r\n"
)
# A Netlify Forms export: the form's fields, then Netlify's own columns.
NETLIFY_CSV = (
    "provider,rating,help,used_month,used_year,review,display_name,contact,declaration,created_at\n"
    f'tidy-homes,4,Cleaning every week,10,2026,"{REVIEW_TEXT}",Sam Smith,sam@example.org,yes,2026-11-03T09:12:00Z\n'
    f'nobody,5,Cleaning,10,2026,"{REVIEW_TEXT}",Jo,,yes,2026-11-04T09:12:00Z\n'
)


@pytest.fixture
def council(tmp_path):
    root = council_folder(tmp_path)
    (root / "content" / "providers" / "tidy-homes.yaml").write_text(VALID)
    return root


def add(root, text, capsys, today="2026-11-20"):
    (root / "submission.txt").write_text(text, newline="")
    status = main(["review-add", "--root", str(root), "--today", today, str(root / "submission.txt")])
    return status, capsys.readouterr()


@pytest.mark.parametrize("submission", [COMPOSED_EMAIL, PLAIN_EMAIL], ids=["composed-email", "email-without-script"])
def test_an_emailed_review_becomes_a_draft_without_the_reviewers_contact(council, capsys, submission):
    status, printed = add(council, submission, capsys)
    assert status == 0, printed.err
    [path] = (council / "content" / "reviews" / "tidy-homes").glob("*.yaml")
    assert path.name == "2026-11-20-sam.yaml"
    review = yaml.safe_load(path.read_text())
    assert review == {
        "rating": 4,
        "service_date": "2026-10-01",
        "review_date": "2026-11-20",
        "help": "Cleaning every week",
        "display_name": "Sam",  # a first name only
        "text": REVIEW_TEXT,
        "status": "draft",
        "moderator": "to-fill-in",
    }
    assert "example.org" not in path.read_text() and "960123" not in path.read_text()
    # The draft passes check, and is never published as it is.
    assert main(["check", "--root", str(council), "--today", "2026-11-20", str(path)]) == 0


def test_a_netlify_export_drafts_each_submission_and_names_those_it_cannot_use(council, capsys):
    status, printed = add(council, NETLIFY_CSV, capsys)
    assert status == 1
    assert "submission 2: no provider 'nobody'" in printed.err
    [path] = (council / "content" / "reviews" / "tidy-homes").glob("*.yaml")
    assert path.name == "2026-11-03-sam.yaml"  # dated when the resident sent it
    assert "sam@example.org" not in path.read_text()


def test_the_draft_flags_what_the_moderator_must_look_at(council, capsys):
    hostile = COMPOSED_EMAIL.replace("Would recommend", "I think they stole from her. Call me on 07700 900123. Would")
    status, printed = add(council, hostile, capsys)
    assert status == 0
    assert "check: holds words the policy sends back for a closer look: stole" in printed.out
    assert "'07700 900123'" in printed.out


def test_a_submission_without_the_declaration_is_not_drafted(council, capsys):
    status, printed = add(council, PLAIN_EMAIL.replace("declaration=yes", "declaration="), capsys)
    assert status == 1 and "did not declare" in printed.err
    assert not (council / "content" / "reviews").exists()


def test_the_pull_request_summary_shows_a_new_review_with_what_to_check(council, capsys):
    git(council, "init", "-q", "-b", "main")
    git(council, "add", ".")
    git(council, "commit", "-q", "-m", "Listings")
    add(council, COMPOSED_EMAIL.replace("Would recommend", "Not [a link](https://evil.example) <b>x</b>"), capsys)
    git(council, "add", "content")
    git(council, "commit", "-q", "-m", "A review")
    assert main(["review", "HEAD~1", "HEAD", "--root", str(council)]) == 0
    summary = capsys.readouterr().out
    assert "## Residents' reviews (1)" in summary
    assert "### content/reviews/tidy-homes/2026-11-20-sam.yaml" in summary
    assert "- new, status draft, 4 out of 5 from Sam" in summary
    assert "- [ ] The provider was offered a reply" in summary
    assert "<b>" not in summary
    assert "\\[a link\\](https&#58;//evil.example)" in summary  # literal text: no link, no address GitHub links
    assert "sam@example.org" not in summary
