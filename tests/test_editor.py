"""The staff browser editor (Sveltia CMS at /admin/): generated from the schema, self-hosted, strict headers."""

import json
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from care_directory.cli import main
from care_directory.editor.changes import describe_changes
from care_directory.editor.cms_config import cms_config
from care_directory.editor.new_listing import resolve
from care_directory.gate.quality_gate import AXE, AXE_TAGS
from care_directory.gate.static_server import serving
from care_directory.listings.loader import LISTING_SCHEMA
from care_directory.listings.strict_yaml import parse_yaml
from care_directory.outputs.editor_assets import FONTSOURCE_CDN
from care_directory.outputs.security_headers import HEADERS, editor_headers
from care_directory.paths import PROJECT_ROOT
from conftest import FIXTURES, SAMPLE_SITE

SCHEMA = json.loads(LISTING_SCHEMA.read_text())


def schema_paths(site, spec=SCHEMA, prefix=()):
    """Every field a listing can have, as paths; checks and training have one field per vocabulary id."""
    paths = []
    for name, child in spec["properties"].items():
        child = resolve(SCHEMA, child)
        path = (*prefix, name)
        paths.append(path)
        if name in ("checks", "training"):
            paths += [(*path, item) for item in site.vocabulary.vetting_labels(name)]
        elif child.get("type") == "object":
            paths += schema_paths(site, child, path)
        elif child.get("type") == "array" and resolve(SCHEMA, child["items"]).get("type") == "object":
            paths += schema_paths(site, resolve(SCHEMA, child["items"]), path)
    return paths


def editor_paths(fields, prefix=()):
    paths = []
    for field in fields:
        path = (*prefix, field["name"])
        paths += [path, *editor_paths(field.get("fields", []), path)]
    return paths


def editor_fields(config, collection="providers"):
    return next(c for c in config["collections"] if c["name"] == collection)["fields"]


def field_at(fields, *path):
    field = next(f for f in fields if f["name"] == path[0])
    return field_at(field["fields"], *path[1:]) if path[1:] else field


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """`build.py editor` for the fixture site."""
    output = tmp_path_factory.mktemp("editor") / "output-editor"
    assert main(["editor", "--root", str(SAMPLE_SITE), "--output", str(output)]) == 0
    return output


def test_every_schema_field_has_an_editor_field_and_nothing_else(site):
    for collection in ("drafts", "providers"):
        assert editor_paths(editor_fields(cms_config(site), collection)) == schema_paths(site)


def test_required_fields_lengths_and_patterns_come_from_the_schema(site):
    fields = editor_fields(cms_config(site))
    assert field_at(fields, "name")["required"] is True and field_at(fields, "languages")["required"] is False
    assert field_at(fields, "summary")["maxlength"] == 200
    assert (
        field_at(fields, "base", "postcode_district")["pattern"][0] == SCHEMA["$defs"]["postcode_district"]["pattern"]
    )
    assert field_at(fields, "workers")["max"] == 8


def test_pick_lists_are_the_vocabularies_with_their_words(site):
    fields = editor_fields(cms_config(site))
    services = field_at(fields, "services")["options"]
    assert [o["value"] for o in services] == list(site.vocabulary.services)
    assert {"label": "Washing and bathing", "value": "washing-and-bathing"} in services
    assert [o["value"] for o in field_at(fields, "areas", "districts")["options"]] == list(site.districts)
    assert field_at(fields, "checks", "enhanced_dbs")["label"] == "Enhanced DBS check"
    assert [o["value"] for o in field_at(fields, "pricing", "unit")["options"]] == SCHEMA["properties"]["pricing"][
        "items"
    ]["properties"]["unit"]["enum"]


def test_the_editor_writes_pull_requests_and_leaves_empty_optional_fields_out(site):
    config = cms_config(site)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["output"]["omit_empty_optional_fields"] is True
    assert config["backend"] == {"name": "github", "repo": "example-council/care-directory", "branch": "main"}


def test_the_editor_is_served_from_npm_with_its_fonts_and_nothing_from_a_cdn(editor_site):
    admin = editor_site / "admin"
    script = (admin / "sveltia-cms.js").read_text()
    assert FONTSOURCE_CDN not in script and "fonts/source-sans-3-latin-wght-normal.woff2" in script
    assert sorted(p.name for p in (admin / "fonts").iterdir()) == [
        "material-symbols-outlined-latin-wght-normal.woff2",
        "noto-mono-latin-400-normal.woff2",
        "source-sans-3-latin-wght-normal.woff2",
    ]
    page = (admin / "index.html").read_text()
    assert '<script src="sveltia-cms.js"></script>' in page and "<script>" not in page
    assert yaml.safe_load((admin / "config.yml").read_text()) == cms_config_for_sample()


def cms_config_for_sample():
    from care_directory.config import load_site

    return cms_config(load_site(SAMPLE_SITE))


def test_the_editor_has_its_own_headers_for_admin_only_and_the_public_policy_is_unchanged(editor_site):
    lines = (editor_site / "_headers").read_text().splitlines()
    assert lines == ["/admin/*"] + [f"  {name}: {value}" for name, value in editor_headers(None).items()]
    staff_host = tomllib.loads((PROJECT_ROOT / "editor" / "netlify.toml").read_text())
    assert staff_host["headers"] == [{"for": "/admin/*", "values": editor_headers(None)}]
    policy = dict(d.split(" ", 1) for d in editor_headers(None)["Content-Security-Policy"].split("; "))
    assert policy["script-src"] == "'self'"  # no 'unsafe-eval', no inline script
    assert policy["frame-ancestors"] == "'none'"
    public = tomllib.loads((PROJECT_ROOT / "netlify.toml").read_text())
    assert public["headers"] == [{"for": "/*", "values": HEADERS}]


def test_a_sign_in_service_is_the_only_other_address_the_editor_may_reach():
    policy = editor_headers("https://auth.example.org/sveltia")["Content-Security-Policy"]
    assert "connect-src 'self' https://api.github.com https://auth.example.org;" in policy


def test_the_editor_needs_the_repository_named_in_the_site_config(tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    config = root / "config" / "site.yaml"
    config.write_text(
        config.read_text().replace("editor:\n  repo: example-council/care-directory\n  branch: main\n", "")
    )
    assert main(["editor", "--root", str(root), "--output", str(tmp_path / "out")]) == 1
    assert "config/site.yaml: editor: not set" in capsys.readouterr().err


# The browser test. Sveltia CMS works on a local repository through the File System Access API
# (showDirectoryPicker), which opens a native folder picker a test cannot click, and it ignores
# `local_backend` (no decap-server proxy). The harness answers the picker with a folder in the
# browser's origin private file system, mirrors the local git repository's content/ into it, and
# copies what the editor saved back into the git repository, where check and the build read it.
ANSWER_THE_FOLDER_PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repository', { create: true });
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
MIRROR_FILES = """async (files) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('repository', { create: true });
  await root.getDirectoryHandle('.git', { create: true });
  for (const [path, text] of files) {
    let folder = root;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const writable = await (await folder.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
READ_FILE = """async (path) => {
  let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('repository');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  return (await (await folder.getFileHandle(parts.at(-1))).getFile()).text();
}"""
# What the editor asks for that the public site never may: the CSP blocks them, and the editor works on.
BLOCKED_PHONE_HOME = {
    "connect-src https://unpkg.com/@sveltia/cms/package.json",  # a check for a newer version
    "connect-src https://www.githubstatus.com/api/v2/status.json",  # GitHub's status, shown on sign-in problems
    "connect-src data",  # its own logo, read back from a data: address
}


def git(repository, *args):
    return subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def local_repository(tmp_path):
    """A git repository holding the fixture site, as a council's would."""
    repository = tmp_path / "repository"
    shutil.copytree(SAMPLE_SITE, repository)
    (repository / "content" / "drafts").mkdir()
    (repository / "content" / "drafts" / ".gitkeep").write_text("")
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "start")
    return repository


def serve_editor(editor_site, tmp_path):
    folder = tmp_path / "served"
    shutil.copytree(editor_site, folder)
    shutil.copyfile(AXE, folder / "admin" / "axe.min.js")  # axe loads from the editor's own origin, as its CSP needs
    return serving(folder, headers=editor_headers(None))


def open_editor(new_page, address, repository):
    # The editor draws a field when it scrolls into view; a tall window shows the whole form at once.
    page = new_page(viewport={"width": 1280, "height": 6000})
    page.add_init_script(ANSWER_THE_FOLDER_PICKER)
    page.goto(f"{address}/admin/")
    files = [[str(p.relative_to(repository)), p.read_text()] for p in (repository / "content").rglob("*.yaml")]
    page.evaluate(MIRROR_FILES, files)
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_role("radio", name="Contents").wait_for()
    return page


def isolated(*words):
    """An accessible name the editor writes with Unicode isolates around its parts: 'Add ⁨Pricing⁩'."""
    return re.compile(r"^\W*" + r"\W*".join(re.escape(w) for w in words) + r"\W*$")


def fill_listing(page):
    page.goto(page.url.split("#")[0] + "#/collections/providers/new")
    form = page.get_by_role("group", name="Content Editor")
    form.get_by_role("textbox", name="Name", exact=True).fill("Sawston Sunday Lunches")
    form.get_by_role("textbox", name="Summary").fill("Home-cooked Sunday lunches delivered in Sawston.")
    form.get_by_role("textbox", name="Description").fill("Jo cooks a roast every Sunday and brings it round hot.")
    form.get_by_role("radio", name="Sole trader (one self-employed person)").check()
    form.get_by_role("spinbutton", name="Workers").fill("1")
    services = form.get_by_role("combobox", name="Services")
    services.click()
    page.get_by_role("option", name="Cooking and meal preparation").click()
    if services.get_attribute("aria-expanded") == "true":
        services.click()  # close the list (Escape would close the whole form)
    form.get_by_role("checkbox", name="South Cambridgeshire").check()
    form.get_by_role("textbox", name="Town").fill("Sawston")
    form.get_by_role("textbox", name="Postcode district").fill("CB22")
    form.get_by_role("textbox", name="Phone").fill("01632 960555")
    form.get_by_role("switch", name="Accepting new clients").check()
    form.get_by_role("button", name=isolated("Add", "Pricing")).click()
    form.get_by_role("textbox", name="Service or label").fill("cooking")
    form.get_by_role("spinbutton", name="Amount").fill("12.5")
    form.get_by_role("combobox", name="Unit").click()
    page.get_by_role("option", name="A visit").click()
    form.get_by_role("switch", name="Direct payments").check()
    form.get_by_role("switch", name="Self funders").check()
    form.get_by_role("radio", name="Not giving personal care").check()
    form.get_by_role("checkbox", name=isolated("Add", "Checks")).check()
    for label in ("Identity check", "Right to work in the UK", "Enhanced DBS check"):
        form.get_by_role("textbox", name=label, exact=True).fill("2026-11-02")
    form.get_by_role("checkbox", name=isolated("Add", "Insurance")).check()
    form.get_by_role("checkbox", name=isolated("Add", "Public liability insurance")).check()
    form.get_by_role("textbox", name="Expires").fill("2027-11-01")
    form.get_by_role("spinbutton", name="Cover (£)").fill("5000000")
    form.get_by_role("checkbox", name=isolated("Add", "Training")).check()
    form.get_by_role("group", name=isolated("Training", "Field")).scroll_into_view_if_needed()
    for label in (
        "Safeguarding adults",
        "Basic first aid",
        "Health and safety",
        "Data protection (GDPR)",
        "Lone working",
    ):
        form.get_by_role("textbox", name=label, exact=True).fill("2026-10-20")
    form.get_by_role("textbox", name="Food hygiene", exact=True).fill("2026-10-21")
    form.get_by_role("group", name=isolated("Status", "Field")).scroll_into_view_if_needed()
    form.get_by_role("radio", name="Active (published)").check()
    form.get_by_role("textbox", name="Listed since").fill("2026-11-02")
    form.get_by_role("textbox", name="Last reviewed").fill("2026-11-02")


@pytest.mark.browser
def test_the_editor_creates_a_listing_that_passes_check_and_is_published(
    new_page, editor_site, local_repository, tmp_path, capsys
):
    with serve_editor(editor_site, tmp_path) as address:
        page = open_editor(new_page, address, local_repository)
        fill_listing(page)
        page.get_by_role("button", name="Save").click()
        page.get_by_role("status").filter(has_text="saved").wait_for()
        written = page.evaluate(READ_FILE, "content/providers/sawston-sunday-lunches.yaml")
        violations = set(page.evaluate("window.__csp"))
    listing = local_repository / "content" / "providers" / "sawston-sunday-lunches.yaml"
    listing.write_text(written)
    git(local_repository, "add", "-A")
    assert main(["check", "--root", str(local_repository), "--today", "2026-12-01"]) == 0
    assert "Checked 41 listing files and 10 review files: 0 problems." in capsys.readouterr().out
    output = tmp_path / "site"
    assert main(["--root", str(local_repository), "--today", "2026-12-01", "--output", str(output)]) == 0
    assert "Sawston Sunday Lunches" in (output / "providers" / "sawston-sunday-lunches" / "index.html").read_text()
    assert violations <= BLOCKED_PHONE_HOME
    data = parse_yaml(written).value
    assert "languages" not in data and "website" not in data["contact"]  # empty optional fields are left out
    assert written == (FIXTURES / "editor-written-listing.yaml").read_text()  # what the format test starts from


@pytest.mark.browser
def test_a_listing_changed_in_the_editor_shows_only_the_real_change_in_the_review_summary(
    new_page, editor_site, local_repository, tmp_path, site
):
    path = "content/providers/bright-days-home-support.yaml"
    with serve_editor(editor_site, tmp_path) as address:
        page = open_editor(new_page, address, local_repository)
        page.goto(f"{address}/admin/#/collections/providers/entries/bright-days-home-support")
        phone = page.get_by_role("group", name="Content Editor").get_by_role("textbox", name="Phone")
        phone.fill("07700 900199")
        page.get_by_role("button", name="Save").click()
        page.get_by_role("status").filter(has_text="saved").wait_for()
        written = page.evaluate(READ_FILE, path)
    before = parse_yaml((local_repository / path).read_text()).value
    assert describe_changes(site, before, parse_yaml(written).value) == ["contact phone 07700 900101 -> 07700 900199"]


@pytest.mark.browser
def test_the_editor_form_has_no_serious_or_critical_accessibility_problems(
    new_page, editor_site, local_repository, tmp_path
):
    with serve_editor(editor_site, tmp_path) as address:
        page = open_editor(new_page, address, local_repository)
        page.goto(f"{address}/admin/#/collections/providers/new")
        form = page.get_by_role("group", name="Content Editor")
        form.get_by_role("textbox", name="Name", exact=True).wait_for()
        page.add_script_tag(url=f"{address}/admin/axe.min.js")
        result = page.evaluate(
            "(tags) => axe.run('[aria-label=\"Content Editor\"]', {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_format_lays_out_an_editor_written_file_like_new_without_changing_a_value(tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    listing = root / "content" / "providers" / "sawston-sunday-lunches.yaml"
    listing.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "editor-written-listing.yaml", listing)  # as Sveltia CMS saved it in the browser test
    assert main(["format", "--check", "--root", str(root)]) == 1
    assert (
        "1 of 1 listing file(s) need formatting\n  content/providers/sawston-sunday-lunches.yaml"
        in capsys.readouterr().out
    )
    assert main(["format", "--root", str(root)]) == 0
    text = listing.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/provider.schema.json\n# Trading name")
    assert "\nservices: [cooking]\n" in text and "  # Enhanced DBS check\n  enhanced_dbs: 2026-11-02\n" in text
    before = parse_yaml((FIXTURES / "editor-written-listing.yaml").read_text()).value
    assert parse_yaml(text).value == before
    assert main(["format", "--check", "--root", str(root)]) == 0
