"""The accessibility and quality gate for any built site folder.

It checks the site the way residents' browsers and assistive technology
meet it, and returns every problem found as `page: check: detail`:

- axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page, on
  the search page with results, with no results and with a postcode error,
  and on the shortlist page holding providers;
- the Nu HTML Checker (vnu-jar, run with Java) on every page;
- every internal link, image, stylesheet and script resolves;
- reflow: at 320 CSS pixels wide, and with text at 200%, nothing scrolls
  sideways;
- keyboard: on one page of each kind, Tab reaches every control in order,
  focus is always visible and never trapped.

Run: `.venv/bin/python build.py gate output/` (needs Chromium and Java;
`scripts/gate.sh` installs them). axe-core and vnu-jar come from npm.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote_plus, urljoin, urlsplit

from bs4 import BeautifulSoup

from care_directory.gate.built_site import page_paths
from care_directory.gate.static_server import serving
from care_directory.model.provider import SEARCH_KEYS
from care_directory.paths import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
NARROW, WIDE = {"width": 320, "height": 640}, {"width": 1280, "height": 800}

# Runs in the page: is the focused element's focus indicator visible?
# GOV.UK Frontend shows focus with an outline or a box shadow; checkboxes
# and radios show it on their label's drawn box.
FOCUS_VISIBLE_JS = """() => {
  const el = document.activeElement;
  const shows = (s) =>
    (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)')
    || (s.boxShadow && s.boxShadow !== 'none');
  if (!el || el === document.body) return null;
  let visible = shows(getComputedStyle(el));
  if (!visible && el.labels && el.labels[0]) {
    visible = shows(getComputedStyle(el.labels[0], '::before')) || shows(getComputedStyle(el.labels[0], '::after'));
  }
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"';
  return {name: name, position: [...document.querySelectorAll('*')].indexOf(el), visible: visible};
}"""

# Runs in the page: the controls Tab should reach (one per radio group).
TAB_STOPS_JS = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), '
    + 'select:not([disabled]), textarea, summary, [tabindex]:not([tabindex="-1"])';
  const seenGroups = new Set();
  return [...document.querySelectorAll(selector)].filter((el) => {
    if (!el.checkVisibility({visibilityProperty: true})) return false;  // also false inside a closed <details>
    if (el.type === 'radio') { if (seenGroups.has(el.name)) return false; seenGroups.add(el.name); }
    return true;
  }).length;
}"""

OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def page_kind(path: str) -> str:
    """'providers/<page>/' for 'providers/bright-days/': one page of each kind gets the keyboard check."""
    parts = [p for p in path.split("/") if p]
    return parts[0] + "/<page>/" if len(parts) > 1 else path


def broken_links(root: Path, base_path: str = "/") -> list[str]:
    """Internal links, images, stylesheets and scripts that point at nothing."""
    problems = []
    for path in page_paths(root):
        file = root / path / "index.html" if path.endswith("/") or not path else root / path
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(href=True) + soup.find_all(src=True):
            url = tag.get("href") or tag.get("src")
            parts = urlsplit(urljoin(base_path + path, url))
            if parts.scheme or parts.netloc or url.startswith("#"):
                continue
            if not _resolves(root, base_path, parts.path):
                problems.append(f"{path or '/'}: link: {url} leads nowhere")
    return problems


def _resolves(root: Path, base_path: str, path: str) -> bool:
    if not path.startswith(base_path):
        return False
    target = root / path[len(base_path) :]
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


def html_errors(root: Path) -> list[str]:
    """Errors the Nu HTML Checker finds in any page."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(root)], capture_output=True, text=True
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = []
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            page = (
                Path(urlsplit(message.get("url", "")).path).relative_to(root.resolve()).as_posix()
                if message.get("url")
                else "?"
            )
            problems.append(f"{page}:{message.get('lastLine', '')}: html: {message['message']}")
    return problems


def paths_to_check(root: Path) -> list[str]:
    """Every page, then the search page's states when the site has search files."""
    return page_paths(root) + (search_states(root) if (root / "search" / "location.json").exists() else [])


def search_states(root: Path) -> list[str]:
    """The search page with results, with none, near a postcode, outside the area, a place to choose and an error."""
    location = json.loads((root / "search" / "location.json").read_text(encoding="utf-8"))
    inside = next(o for o, entry in location["outcodes"].items() if entry[3])
    outside = next((o for o, entry in location["outcodes"].items() if not entry[3]), inside)
    places = json.loads((root / "search" / "places.json").read_text(encoding="utf-8"))["places"]
    names = [row[0] for row in places]
    shared_name = next((name for name in names if names.count(name) > 1), names[0] if names else "x")
    return [
        "search/?accepting=yes",
        "search/?q=xqzxqzxqz",
        f"search/?location={inside}",
        f"search/?location={outside}",
        f"search/?location={quote_plus(shared_name)}",
        "search/?location=not+a+place+anywhere",
    ]


def shortlist_script(root: Path, base_path: str) -> str:
    """Script that fills the shortlist (as shortlist.js stores it) with the first three providers."""
    first = root / "search" / "cards" / "0.json"  # absent when nothing is published
    cards = json.loads(first.read_text(encoding="utf-8"))["cards"] if first.exists() else []
    slugs = [card[SEARCH_KEYS["slug"]] for card in cards[:3]]
    return (
        f"localStorage.setItem({json.dumps('care-directory-shortlist:' + base_path)}, {json.dumps(json.dumps(slugs))})"
    )


def browser_problems(root: Path, base_path: str = "/", browser=None) -> list[str]:
    """axe, reflow and keyboard problems on every page, in Chromium (a Playwright browser, or one started here)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return browser_problems(root, base_path, launched)
            finally:
                launched.close()
    paths = paths_to_check(root)
    problems = []
    keyboard_checked = set()
    with serving(root, base_path) as address:
        page = browser.new_page(viewport=WIDE)
        page.set_default_timeout(15_000)
        for path in paths:
            page.set_viewport_size(WIDE)
            page.goto(f"{address}/{path}")
            # Scripted parts of a page (the search) mark themselves data-loading until they have rendered.
            page.wait_for_function("() => !document.querySelector('[data-loading]')")
            label = path or "/"
            problems += [f"{label}: {p}" for p in axe_violations(page)]
            problems += [f"{label}: {p}" for p in reflow_problems(page)]
            if page_kind(path) not in keyboard_checked and "?" not in path:
                keyboard_checked.add(page_kind(path))
                problems += [f"{label}: {p}" for p in keyboard_problems(page)]
            if path == "shortlist/":
                page.evaluate(shortlist_script(root, base_path))
                page.reload()
                page.wait_for_function(
                    "() => !document.querySelector('[data-loading]') && document.querySelector('table')"
                )
                problems += [
                    f"{label} (with providers): {p}"
                    for p in axe_violations(page) + reflow_problems(page) + keyboard_problems(page)
                ]
        page.close()
    return problems


def axe_violations(page) -> list[str]:
    """axe-core's WCAG A and AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"axe {v['id']}: {v['help']} ({', '.join(str(n['target'][0]) for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


def reflow_problems(page) -> list[str]:
    """Sideways scrolling at 320 CSS pixels wide, or with text at 200%."""
    problems = []
    page.set_viewport_size(NARROW)
    if (extra := page.evaluate(OVERFLOW_JS)) > 0:
        problems.append(f"reflow: scrolls sideways by {extra}px at 320px wide")
    page.set_viewport_size(WIDE)
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    if (extra := page.evaluate(OVERFLOW_JS)) > 0:
        problems.append(f"reflow: scrolls sideways by {extra}px with text at 200%")
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    return problems


def keyboard_problems(page) -> list[str]:
    """Tab through the page: every stop reached once, focus visible, no trap."""
    expected = page.evaluate(TAB_STOPS_JS)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    problems, reached = [], []
    for _ in range(expected + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_VISIBLE_JS)
        if focused is None:
            break
        if reached and focused["position"] == reached[-1] and expected > 1:
            problems.append(f"keyboard: focus is trapped on {focused['name']}")
            break
        reached.append(focused["position"])
        if not focused["visible"]:
            problems.append(f"keyboard: no visible focus on {focused['name']}")
    if len(reached) < expected and not any("trapped" in p for p in problems):
        problems.append(f"keyboard: Tab reached {len(reached)} of {expected} controls")
    return problems


class GateUnavailableError(Exception):
    """Something the gate needs is not installed; the message says how to install it."""


def missing_tools() -> list[str]:
    """What the gate needs that this machine lacks, each with how to get it."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append(
            f"Chromium is not installed at {CHROMIUM}: run scripts/gate.sh, which installs it, or `apt-get install "
            "chromium`"
        )
    if not shutil.which("java"):
        missing.append(
            "Java is not installed (the HTML checker needs it): run scripts/gate.sh, or `apt-get install "
            "default-jre-headless`"
        )
    for tool in (AXE, VNU):
        if not tool.is_file():
            missing.append(f"{tool.relative_to(PROJECT_ROOT)} is missing: run `npm ci` in the project folder")
    return missing


def run_gate(root: Path, base_path: str = "/") -> list[str]:
    """Every problem the gate finds in a built site; GateUnavailableError if a tool it needs is missing."""
    if missing := missing_tools():
        raise GateUnavailableError("; ".join(missing))
    root = root.resolve()
    if not (root / "index.html").is_file():
        raise GateUnavailableError(
            f"{root} is not a built site (it has no index.html): build one first, with build.py --output {root}"
        )
    return broken_links(root, base_path) + html_errors(root) + browser_problems(root, base_path)
