"""Safe publishing: headers, the Content Security Policy, what is published, and hostile listings."""

import dataclasses
import tomllib

import pytest
from bs4 import BeautifulSoup

from care_directory.gate.built_site import page_paths
from care_directory.gate.static_server import serving
from care_directory.outputs.security_headers import HEADERS
from care_directory.paths import PROJECT_ROOT
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, write_listing

VALID = (FIXTURES / "valid-listing.yaml").read_text()


def test_the_built_headers_file_netlify_and_the_nginx_example_agree(sample_output):
    lines = (sample_output / "_headers").read_text().splitlines()
    every_page = ["/*"] + [f"  {name}: {value}" for name, value in HEADERS.items()]
    assert lines[: len(every_page)] == every_page
    # After it come only the form pages' own form-action (tests/test_forms.py).
    assert {line.split(":")[0] for line in lines[len(every_page) :] if line.startswith("  ")} <= {
        "  Content-Security-Policy"
    }
    netlify = tomllib.loads((PROJECT_ROOT / "netlify.toml").read_text())
    assert netlify["headers"] == [{"for": "/*", "values": HEADERS}]
    hosting = (PROJECT_ROOT / "docs" / "hosting.md").read_text()
    for name, value in HEADERS.items():
        assert f'add_header {name} "{value}" always;' in hosting


def test_the_policy_allows_nothing_from_other_origins_and_no_inline_script():
    directives = dict(d.split(" ", 1) for d in HEADERS["Content-Security-Policy"].split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener(
  'securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)
);
"""


def test_every_page_search_and_shortlist_work_under_the_content_security_policy(browser, sample_output):
    with serving(sample_output, headers=HEADERS) as address:
        context = browser.new_context()
        context.add_init_script(COLLECT_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(10_000)
        refused = []
        page.on(
            "console",
            lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
        )
        violations = {}
        for path in page_paths(sample_output):
            page.goto(f"{address}/{path}")
            page.wait_for_function("() => !document.querySelector('[data-loading]')")
            violations[path] = page.evaluate("window.__cspViolations")
        page.goto(f"{address}/search/?q=bath&location=cb4")
        page.wait_for_selector("#results li")
        page.locator("#results button").first.click()
        page.get_by_label("With a Direct Payment").check()
        page.goto(f"{address}/shortlist/")
        page.wait_for_selector("table.app-compare")
        violations["interactions"] = page.evaluate("window.__cspViolations")
        # The control: the same page refuses an inline script, so the check can fail.
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; "
            "document.head.appendChild(s); }"
        )
        assert page.evaluate("window.injected") is None
        assert page.evaluate("window.__cspViolations") == ["script-src-elem inline"]
        context.close()
    assert {path: v for path, v in violations.items() if v} == {}
    assert [text for text in refused if "inline" not in text] == []


ALLOWED_SUFFIXES = {".html", ".css", ".js", ".json", ".png", ".csv", ".xml", ".txt"}


def test_the_output_holds_only_public_files(sample_output):
    files = [p.relative_to(sample_output) for p in sample_output.rglob("*") if p.is_file()]
    assert [f for f in files if f.suffix not in ALLOWED_SUFFIXES and f.name != "_headers"] == []
    assert [f for f in files if any(part.startswith(".") for part in f.parts)] == []
    assert not [f for f in files if f.name in ("report.json",) or f.suffix in (".yaml", ".yml", ".md")]


ATTACKS = {
    "script-in-name": ("name: Tidy Homes", "name: Tidy <script>window.__xss=1</script> Homes"),
    "script-in-description": (
        "  A small cleaning business run by one person.",
        "  A small <script>window.__xss=1</script> business. <img src=x onerror=window.__xss=1> <iframe "
        "src=https://evil.example.com></iframe>",
    ),
    "event-attribute-in-description": (
        "  A small cleaning business run by one person.",
        '  <a href="https://example.org" onclick="window.__xss=1" style="color:red">hi</a> <div '
        'onmouseover="window.__xss=1">x</div>',
    ),
    "javascript-link-in-markdown": (
        "  A small cleaning business run by one person.",
        "  See [our site](javascript:window.__xss=1) or [this](data:text/html;base64,PHNjcmlwdD4=) or "
        "[that](vbscript:x).",
    ),
    "entity-encoded-script": (
        "  A small cleaning business run by one person.",
        "  &lt;script&gt;window.__xss=1&lt;/script&gt; and [x](&#106;avascript:window.__xss=1)",
    ),
    "script-breakout-in-summary": (
        "summary: Weekly cleaning for older people in Ely.",
        'summary: "Weekly cleaning </script><script>window.__xss=1</script> in Ely"',
    ),
    "html-in-summary": (
        "summary: Weekly cleaning for older people in Ely.",
        'summary: "<b onmouseover=window.__xss=1>Weekly</b> cleaning for older people"',
    ),
    "script-in-pricing-label": (
        "  - service_or_label: cleaning",
        '  - service_or_label: "<script>window.__xss=1</script>"',
    ),
    "scheme-relative-link": (
        "  A small cleaning business run by one person.",
        "  See [our site](//evil.example/page).",
    ),
    "mailto-with-bcc-in-description": (
        "  A small cleaning business run by one person.",
        "  Email [us](mailto:a@example.org?bcc=everyone@example.org) any time.",
    ),
    "user-name-before-host-link": (
        "  A small cleaning business run by one person.",
        "  See [GOV.UK](https://www.gov.uk@evil.example/help).",
    ),
}
REFUSED = {
    "javascript-website": (
        '  phone: "01632 960555"',
        '  phone: "01632 960555"\n  website: "javascript:window.__xss=1"',
    ),
    "data-website": (
        '  phone: "01632 960555"',
        '  phone: "01632 960555"\n  website: "data:text/html,<script>window.__xss=1</script>"',
    ),
    "http-website": ('  phone: "01632 960555"', '  phone: "01632 960555"\n  website: "http://example.org"'),
    "email-with-script": ('  phone: "01632 960555"', '  phone: "01632 960555"\n  email: "<script>@x.org"'),
    "right-to-left-override": ("name: Tidy Homes", 'name: "Tidy \\u202eemoH"'),
    "very-long-name": ("name: Tidy Homes", "name: " + "A" * 5000),
    "deeply-nested-markdown": ("  A small cleaning business run by one person.", "  " + "- " * 2000 + "x"),
    "user-name-before-host-website": (
        '  phone: "01632 960555"',
        '  phone: "01632 960555"\n  website: "https://www.gov.uk@evil.example"',
    ),
    "mixed-script-name": ("name: Tidy Homes", 'name: "Tidy H\u043emes"'),
    "soft-hyphen-name": ("name: Tidy Homes", 'name: "Tidy\u00adHomes"'),
    "noncharacter-name": ("name: Tidy Homes", 'name: "Tidy Homes \ufffe"'),
    "zero-width-in-phone": ('  phone: "01632 960555"', '  phone: "01632\u200b960555"'),
    "blank-name": ("name: Tidy Homes", 'name: "   "'),
    "name-with-trailing-newline": ("name: Tidy Homes", 'name: "Tidy Homes\n"'),
    "postcode-district-with-trailing-newline": ("  postcode_district: CB7", '  postcode_district: "CB7\n"'),
    "nested-500-levels": ("status: active", "nested: " + "[" * 500 + "]" * 500 + "\nstatus: active"),
    "nested-25000-levels": ("status: active", "nested: " + "[" * 25000 + "]" * 25000 + "\nstatus: active"),
    "number-5001-digits": ("workers: 1", "workers: " + "9" * 5001),
    "street-with-drove": ("  town: Ely", "  town: 3 Ferry Drove, Ely"),
    "postcode-with-hyphen": ("  town: Ely", "  town: Ely CB4-1AB"),
    "insurance-expiring-in-9999": ("    expires: 2027-11-02", "    expires: 9999-12-31"),
    "address-split-by-markdown": (
        "  A small cleaning business run by one person.",
        "  Visit 14 *Mill* Road, or CB4<!-- -->1AB, or 12 Mill&nbsp;Lane.",
    ),
    "street-word-path": ("  A small cleaning business run by one person.", "  We are at 7 Ferry Path, Ely."),
    "hangul-filler-name": ("name: Tidy Homes", 'name: "\u3164\u3164\u3164"'),
    "line-separator-in-name": ("name: Tidy Homes", 'name: "Tidy\u2028Homes"'),
    "cyrillic-that-reads-as-latin": ("name: Tidy Homes", 'name: "\u0412\u041e\u0425 \u041d\u041e\u041c\u0415"'),
}


def is_site_form_action(action: str) -> bool:
    """A form posts to the site, or (sent by e-mail) to the configured address with only its subject."""
    if action.startswith("mailto:"):
        address, _, fields = action.partition("?")
        return address == "mailto:care-directory@example.org" and "&" not in fields and fields.startswith("subject=")
    return action.startswith("/")


def active_content(html: str) -> list[str]:
    """Anything in a built page that could run or send a resident somewhere unsafe."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        f"<{tag.name}>"
        for tag in soup.find_all(["iframe", "object", "embed", "style", "img", "form"])
        if not (tag.name == "form" and is_site_form_action(tag.get("action", "")))
    ]
    found += [
        f"script {s}"
        for s in soup.find_all("script")
        if not s.get("src", "").startswith("/assets/") and s.get("type") != "application/ld+json"
    ]
    found += [f"data block {s}" for s in soup.find_all("script", type="application/ld+json") if "</" in s.get_text()]
    found += [
        f"{tag.name}[{name}]" for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")
    ]
    for tag in soup.find_all(href=True):
        href = tag["href"]
        if href.split(":")[0].strip().lower() in ("javascript", "data", "vbscript") or href.startswith("//"):
            found.append(f"href {href}")
        elif href.startswith("https://") and "@" in href.split("/")[2]:
            found.append(f"href with a user name before the host {href}")
        elif href.startswith("mailto:") and "?" in href and "subject=" not in href:
            found.append(f"mailto with hidden fields {href}")
    return found


@pytest.mark.parametrize("name", ATTACKS)
def test_hostile_text_is_published_only_as_inert_text(site, tmp_path, name):
    old, new = ATTACKS[name]
    assert old in VALID
    write_listing(tmp_path, "hostile", VALID.replace(old, new))
    output = tmp_path / "output"
    publish(dataclasses.replace(site, root=tmp_path), output, BUILD_DATE)
    for file in output.rglob("*.html"):
        assert active_content(file.read_text(encoding="utf-8")) == [], file


def test_hostile_text_stays_text_when_the_search_and_shortlist_pages_render_it(site, browser, tmp_path):
    write_listing(
        tmp_path,
        "hostile",
        VALID.replace(
            "name: Tidy Homes", 'name: "Tidy <img src=x onerror=window.__xss=1> <script>window.__xss=1</script>"'
        ),
    )
    output = tmp_path / "output"
    publish(dataclasses.replace(site, root=tmp_path), output, BUILD_DATE)
    with serving(output) as address:
        page = browser.new_page()
        page.goto(f"{address}/search/")
        page.wait_for_selector("#results li")
        assert "<script>" in page.locator("#results h3").inner_text()
        assert page.locator("#results script, #results img").count() == 0
        page.locator("#results button").click()
        page.goto(f"{address}/shortlist/")
        page.wait_for_selector("table.app-compare")
        assert page.locator("table.app-compare script, table.app-compare img").count() == 0
        assert page.evaluate("window.__xss") is None
        page.close()


@pytest.mark.parametrize("name", REFUSED)
def test_hostile_values_in_checked_fields_are_refused_with_file_and_field(site, tmp_path, name):
    old, new = REFUSED[name]
    assert old in VALID
    write_listing(tmp_path, "hostile", VALID.replace(old, new))
    from care_directory.listings.loader import load_listings

    listings, problems = load_listings(dataclasses.replace(site, root=tmp_path))
    assert listings == [] and problems
    # Each names the file and where in it: the field, or the line for a file that cannot be read at all.
    assert all(p.file == "content/providers/hostile.yaml" and (p.field or p.line) for p in problems)
