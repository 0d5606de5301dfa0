"""Every failure a council can meet ends in a plain message, never a traceback."""

import shutil

import jinja2
import pytest

from care_directory.cli import main
from care_directory.gate import quality_gate
from care_directory.pelican_site.render import template_error_message
from conftest import SAMPLE_SITE


@pytest.fixture
def council_copy(tmp_path):
    """A copy of the fixture site that a test may break."""
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    return root


def run(capsys, *argv):
    status = main([*map(str, argv)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return status, captured.err


def test_an_unknown_guide_marker_names_the_guide_and_the_markers_there_are(council_copy, tmp_path, capsys):
    guide = council_copy / "content" / "guides" / "choosing-a-provider.md"
    guide.write_text(guide.read_text() + "\n\n[[no-such-block]]\n")
    status, err = run(capsys, "--root", council_copy, "--today", "2026-12-01", "--output", tmp_path / "out")
    assert status == 1
    assert (
        "content/guides/choosing-a-provider.md: unknown marker [[no-such-block]]: use one of: "
        "accessibility-compliance, accessibility-dates, capital-limits, helpline" in err
    )
    assert "Nothing was published." in err and not (tmp_path / "out").exists()


def test_a_template_error_names_the_template_and_line(tmp_path):
    (tmp_path / "broken.html").write_text("<p>\n{% if %}\n</p>\n")
    (tmp_path / "runtime.html").write_text("<p>\n{{ provider.name.missing() }}\n</p>\n")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.TemplateSyntaxError) as syntax:
        environment.get_template("broken.html")
    assert template_error_message(syntax.value).startswith(f"{tmp_path / 'broken.html'}:2: Expected an expression")
    with pytest.raises(jinja2.UndefinedError) as runtime:
        environment.get_template("runtime.html").render()
    assert template_error_message(runtime.value).startswith(f"{tmp_path / 'runtime.html'}:2: 'provider' is undefined")


def test_an_output_folder_that_cannot_be_written_is_a_message(council_copy, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, err = run(capsys, "--root", council_copy, "--today", "2026-12-01", "--output", blocker / "output")
    assert status == 1
    assert f"cannot write {blocker}" in err and "Nothing was published." in err


def test_the_gate_says_how_to_install_a_missing_chromium_or_java(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(quality_gate, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    status, err = run(capsys, "gate", tmp_path)
    assert status == 2
    assert "The quality gate cannot run: Chromium is not installed" in err and "apt-get install chromium" in err
    assert "Java is not installed" in err and "default-jre-headless" in err


def test_the_gate_refuses_a_folder_that_is_not_a_built_site(tmp_path, capsys):
    status, err = run(capsys, "gate", tmp_path)
    assert status == 2 and "is not a built site" in err
