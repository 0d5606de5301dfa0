"""The editors' and reviewers' workflow: new, check, review, page history, and the repository's workflow files."""

import dataclasses
import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from care_directory.cli import main
from care_directory.editor.check import github_annotation
from care_directory.listings.validation import Problem
from care_directory.paths import PROJECT_ROOT
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, SAMPLE_SITE

VALID = (FIXTURES / "valid-listing.yaml").read_text()


def council_folder(tmp_path):
    """A site folder with the fixture site's config and no listings yet."""
    shutil.copytree(SAMPLE_SITE / "config", tmp_path / "config")
    (tmp_path / "content" / "providers").mkdir(parents=True)
    return tmp_path


def git(folder, *args):
    subprocess.run(
        ["git", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "Editor",
            "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "Editor",
            "GIT_COMMITTER_EMAIL": "editor@example.org",
            "GIT_COMMITTER_DATE": "2026-11-20T10:00:00",
            "GIT_AUTHOR_DATE": "2026-11-20T10:00:00",
            "PATH": "/usr/bin:/bin",
        },
    )


def test_a_new_listing_is_a_draft_that_fails_the_check_until_it_is_filled_in(tmp_path, capsys):
    root = council_folder(tmp_path)
    assert main(["new", "Bright Days Home Support", "--root", str(root)]) == 0
    path = root / "content" / "drafts" / "bright-days-home-support.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/provider.schema.json")
    assert "# Trading name, as the business writes it" in text
    capsys.readouterr()
    assert main(["check", "--root", str(root), "--today", "2026-12-01", str(path)]) == 1
    out = capsys.readouterr().out
    assert (
        "business_type: 'CHOOSE ONE: sole_trader or partnership or limited_company or cic' is not allowed here" in out
    )
    assert "checks.enhanced_dbs: 'YYYY-MM-DD' is not a date between 1900 and 2099: dates are written 2025-03-01" in out

    template = yaml.safe_load(text)
    filled = yaml.safe_load(VALID)
    assert set(template) == set(
        yaml.safe_load((PROJECT_ROOT / "schema" / "provider.schema.json").read_text())["properties"]
    )
    assert set(template["checks"]) == set(filled["checks"]) and set(template["training"]) >= set(filled["training"])
    filled["name"] = template["name"]
    path.write_text(yaml.safe_dump(filled, sort_keys=False))
    assert main(["check", "--root", str(root), "--today", "2026-12-01", str(path)]) == 0
    assert capsys.readouterr().out.strip() == (
        "content/drafts/bright-days-home-support.yaml: draft: ready to move to content/providers/ and publish.\n\n"
        "Checked 0 listing files and 1 draft: 0 problems."
    )


def test_new_will_not_overwrite_a_draft_or_a_published_listing(tmp_path, capsys):
    root = council_folder(tmp_path)
    assert main(["new", "Tidy Homes", "--root", str(root)]) == 0
    assert main(["new", "Tidy Homes", "--root", str(root)]) == 1
    assert "content/drafts/tidy-homes.yaml already exists" in capsys.readouterr().err
    (root / "content" / "providers" / "bright-days.yaml").write_text(VALID)
    assert main(["new", "Bright Days", "--root", str(root)]) == 1
    assert "content/providers/bright-days.yaml already exists" in capsys.readouterr().err


def test_new_can_print_the_template_instead_of_writing_it(tmp_path, capsys):
    root = council_folder(tmp_path)
    assert main(["new", "Provider name", "--stdout", "--root", str(root)]) == 0
    assert capsys.readouterr().out.startswith(
        "# yaml-language-server: $schema=../../schema/provider.schema.json\n# New listing for Provider name."
    )
    assert not (root / "content" / "drafts").exists()


def test_check_prints_every_problem_with_file_line_field_and_hint(capsys):
    broken = FIXTURES / "broken" / "content" / "providers"
    status = main(
        [
            "check",
            "--root",
            str(FIXTURES / "broken"),
            "--config",
            "../../sample-site/config/site.yaml",
            "--today",
            "2026-12-01",
            str(broken / "wrong-types.yaml"),
            str(broken / "missing-required.yaml"),
        ]
    )
    assert status == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/providers/missing-required.yaml:1: regulation: this field is required",
        "content/providers/missing-required.yaml:1: summary: this field is required",
        "content/providers/missing-required.yaml:12: contact: give at least one of: phone or email",
        "content/providers/wrong-types.yaml:6: workers: must be a number, not the text '0123' (write digits only, "
        "without quotes or a leading zero)",
        "content/providers/wrong-types.yaml:16: availability.accepting_new_clients: must be true or false, not the "
        "text 'no' (write true or false without quotes)",
        "content/providers/wrong-types.yaml:27: listed_since: '2025-02-30' is not a real date: dates are written "
        "2025-03-01",
        "",
        "Checked 2 listing files: 6 problems.",
    ]


def test_in_github_actions_check_also_prints_annotations(capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    broken = FIXTURES / "broken" / "content" / "providers"
    main(
        [
            "check",
            "--root",
            str(FIXTURES / "broken"),
            "--config",
            "../../sample-site/config/site.yaml",
            str(broken / "wrong-types.yaml"),
        ]
    )
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[1] == "::error file=content/providers/wrong-types.yaml,line=6,title=workers::"
        "must be a number, not the text '0123' (write digits only, without quotes or a leading zero)"
    )
    assert (
        github_annotation("warning", Problem("a,b.yaml", 0, "x:y", "50% done\nnext"))
        == "::warning file=a%2Cb.yaml,title=x%3Ay::50%25 done%0Anext"
    )


@pytest.fixture
def two_commits(tmp_path):
    """A council repository with a first version of three listings and a second commit changing them."""
    root = council_folder(tmp_path)
    providers = root / "content" / "providers"
    (providers / "bright-days.yaml").write_text(VALID.replace("name: Tidy Homes", "name: Bright Days"))
    (providers / "old-name.yaml").write_text(VALID.replace("name: Tidy Homes", "name: Moving Homes"))
    (providers / "steady-care.yaml").write_text(VALID.replace("name: Tidy Homes", "name: Steady Care"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "First listings")
    bright = (providers / "bright-days.yaml").read_text()
    bright = bright.replace("services: [cleaning]", "services: [cleaning, cooking]").replace(
        "  enhanced_dbs: 2025-11-03", "  enhanced_dbs: 2026-11-12"
    )
    bright = bright.replace("  lone_worker: 2025-10-20", "  lone_worker: 2025-10-20\n  food_hygiene: 2025-02-01")
    bright = bright.replace("pricing:\n", "pricing:\n  - service_or_label: cooking\n    amount: 21\n    unit: hour\n")
    (providers / "bright-days.yaml").write_text(bright)
    (providers / "old-name.yaml").rename(providers / "moving-homes.yaml")
    (providers / "steady-care.yaml").write_text(
        (providers / "steady-care.yaml").read_text().replace("status: active", "status: suspended")
    )
    (providers / "new-start.yaml").write_text(VALID.replace("name: Tidy Homes", "name: New Start"))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Changes")
    return root


def test_review_summarises_each_listing_change_with_a_checklist(two_commits, capsys):
    assert main(["review", "HEAD~1", "HEAD", "--root", str(two_commits)]) == 0
    review = capsys.readouterr().out
    sections = {s.split("\n", 1)[0]: s for s in review.split("### ")[1:]}
    assert review.startswith("## Listing changes (4 listings)")
    assert set(sections) == {"Bright Days", "Moving Homes", "New Start", "Steady Care"}
    bright = sections["Bright Days"]
    assert "- added service cooking and meal preparation\n" in bright
    assert "- Food hygiene now required (present, 2025-02-01)\n" in bright
    assert "- Enhanced DBS check date 2025-11-03 -> 2026-11-12\n" in bright
    assert "- new price £21 an hour for cooking and meal preparation\n" in bright
    assert "- [ ] See the documents for each changed check and the dates on them." in bright
    assert "- renamed from old-name to moving-homes (the page address changes)" in sections["Moving Homes"]
    assert "- withdrawn from the directory (status suspended)" in sections["Steady Care"]
    assert "- added to the directory, offering cleaning" in sections["New Start"]
    assert "Editor" not in review and "editor@example.org" not in review


def test_provider_pages_show_their_history_from_git_without_authors(site, two_commits, tmp_path):
    output = tmp_path / "site"
    publish(dataclasses.replace(site, root=two_commits), output, BUILD_DATE)
    page = (output / "providers" / "bright-days" / "index.html").read_text()
    history = re.search(r'<ul class="govuk-list app-history">(.*?)</ul>', page, re.S).group(1)
    items = [" ".join(re.sub("<[^>]+>", "", li).split()) for li in re.findall(r"<li>(.*?)</li>", history, re.S)]
    assert items == [
        "20 November 2026: added service cooking and meal preparation; new price £21 an hour for cooking and meal "
        "preparation; Enhanced DBS check date 2025-11-03 -&gt; 2026-11-12"
    ]
    # A renamed file is a listing of its own: it does not carry the old file's past.
    moved = (output / "providers" / "moving-homes" / "index.html").read_text()
    assert "Listed since 10 January 2024." in moved and "app-history" not in moved
    assert "Editor" not in page and "editor@example.org" not in page


def test_history_is_unavailable_without_git_or_in_a_shallow_clone(site, two_commits, tmp_path):
    import dataclasses

    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{two_commits}", str(shallow)], check=True)
    plain = tmp_path / "plain"
    shutil.copytree(two_commits, plain, ignore=shutil.ignore_patterns(".git"))
    for root in (shallow, plain):
        output = tmp_path / f"out-{root.name}"
        publish(dataclasses.replace(site, root=root), output, BUILD_DATE)
        page = (output / "providers" / "bright-days" / "index.html").read_text()
        # Without history the page says only what it knows: when the provider was listed.
        assert "Listed since 10 January 2024." in page and "app-history" not in page


WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_valid_and_name_commands_that_exist(workflow):
    document = yaml.safe_load(workflow.read_text())
    runs = [step["run"] for job in document["jobs"].values() for step in job["steps"] if "run" in step]
    assert runs
    commands = {"build", "serve", "report", "new", "check", "import", "format", "editor", "review", "gate", "monitor"}
    for run in runs:
        for script in re.findall(r"scripts/[\w-]+\.sh", run):
            assert (PROJECT_ROOT / script).is_file(), script
        for match in re.finditer(r"build\.py(?: (\w+))?", run):
            assert match.group(1) in commands or match.group(1) is None, run


def test_the_commands_the_workflows_run_work(tmp_path):
    build = [sys.executable, str(PROJECT_ROOT / "build.py")]
    fixture = ["--root", str(SAMPLE_SITE)]
    runs = [
        build + ["check", "--today", "2026-12-01", *fixture],
        build + ["review", "HEAD~1", "HEAD", *fixture],
        build + ["report", "--within", "60", "--today", "2026-12-01", *fixture],
        build + ["--today", "2026-12-01", "--output", str(tmp_path / "output"), *fixture],
    ]
    for command in runs:
        result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT)
        assert result.returncode == 0, (command, result.stderr)


def test_the_editor_files_point_at_real_schemas_and_the_pre_commit_hooks_pass():
    settings = json.loads((PROJECT_ROOT / ".vscode" / "settings.json").read_text())
    for schema in settings["yaml.schemas"]:
        assert (PROJECT_ROOT / schema).is_file()
    hooks = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text())
    # Offline: every hook runs a tool the setup script installed, none is fetched from a hook repository.
    assert [repo["repo"] for repo in hooks["repos"]] == ["local"]
    entries = {hook["id"]: hook["entry"] for hook in hooks["repos"][0]["hooks"]}
    assert entries["check-listings"] == ".venv/bin/python build.py check"
    for entry in entries.values():
        program = entry.split()[0]
        assert (PROJECT_ROOT / program).is_file() or shutil.which(program), entry
    lint = subprocess.run(
        [
            sys.executable,
            "-m",
            "yamllint",
            "-c",
            str(PROJECT_ROOT / ".yamllint.yaml"),
            str(SAMPLE_SITE / "content" / "providers"),
        ],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout
    tripped = subprocess.run(
        [
            sys.executable,
            "-m",
            "yamllint",
            "-c",
            str(PROJECT_ROOT / ".yamllint.yaml"),
            str(FIXTURES / "broken" / "content" / "providers" / "wrong-types.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert "truthy value should be one of [false, true]" in tripped.stdout


def test_check_warns_when_two_listings_share_a_phone_number(tmp_path, capsys):
    root = council_folder(tmp_path)
    providers = root / "content" / "providers"
    (providers / "tidy-homes.yaml").write_text(VALID)
    (providers / "other-homes.yaml").write_text(VALID.replace("name: Tidy Homes", "name: Other Homes"))
    assert main(["check", "--root", str(root), "--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert (
        "content/providers/other-homes.yaml:14: contact.phone: '01632 960555' is also the phone number of "
        "content/providers/tidy-homes.yaml: every provider needs its own (warning: check it is right)"
    ) in out


def test_options_given_before_the_command_apply_to_it(tmp_path, capsys):
    root = council_folder(tmp_path)
    (root / "content" / "providers" / "tidy-homes.yaml").write_text(VALID.replace("workers: 1", "workers: 12"))
    assert main(["--root", str(root), "--today", "2026-12-01", "check"]) == 1
    assert "content/providers/tidy-homes.yaml:6: workers: must be at most 8, not 12" in capsys.readouterr().out
