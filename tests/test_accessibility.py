"""Residents' settings and ways of getting around: keyboard only, no JavaScript, less motion, forced colours."""

import re

from playwright.sync_api import expect

from care_directory.gate.quality_gate import FOCUS_VISIBLE_JS


def tab_to(page, selector, text=None, limit=120):
    """Press Tab until the element matching selector (and with that text) has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "([s, t]) => document.activeElement.matches(s) && (!t || document.activeElement.textContent.trim() === t)",
            [selector, text],
        ):
            return
    raise AssertionError(f"Tab never reached {selector} {text or ''}")


def test_the_main_navigation_works_by_keyboard(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/")
    for name, heading in [
        ("Types of help", "Types of help"),
        ("Areas", "Areas"),
        ("All providers", "All providers"),
        ("Guides", "Guides"),
    ]:
        tab_to(page, ".govuk-service-navigation__link", name)
        with page.expect_navigation():  # until the next page has loaded
            page.keyboard.press("Enter")
        assert page.get_by_role("heading", level=1).inner_text() == heading


def test_every_search_filter_can_be_operated_by_keyboard(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/search/")
    page.wait_for_selector("#search-app:not([data-loading])")
    tab_to(page, "summary", "Help at home")
    page.keyboard.press("Enter")  # open the group of services
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "service-cleaning"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"service=cleaning"))
    tab_to(page, "#district")
    page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"district=cambridge"))
    tab_to(page, "#payment-self-funding")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # only providers taking new clients
    page.wait_for_url(re.compile(r"accepting=yes"))
    tab_to(page, "#cqc-any")
    page.keyboard.press("ArrowDown")  # radios move with the arrow keys
    page.wait_for_url(re.compile(r"cqc=registered"))
    tab_to(page, "#language")
    page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"language="))
    tab_to(page, "button", "Search")
    page.keyboard.press("Enter")
    assert page.locator("#result-count").inner_text().startswith(("No providers found", "1 provider", "2 providers"))
    assert page.evaluate("() => new URLSearchParams(location.search).getAll('payment')") == ["self-funding"]


def test_the_whole_site_is_usable_without_javascript(new_page, served_sample):
    page = new_page(java_script_enabled=False)
    page.goto(f"{served_sample}/")
    page.get_by_role("link", name="Help at home").click()
    page.get_by_role("link", name="Cooking and meal preparation").click()
    page.get_by_role("link", name="Cottenham Cooks").click()
    # Until its stylesheet has loaded, the page also shows the contact details it shows phones and paper.
    page.wait_for_url("**/providers/cottenham-cooks/", wait_until="load")
    assert (
        page.locator("main")
        .get_by_role("link", name=re.compile(r"^01632|^07700"))
        .get_attribute("href")
        .startswith("tel:+44")
    )
    assert page.locator("footer").get_by_role("link", name="01632 960000").get_attribute("href") == "tel:+441632960000"
    assert page.get_by_role("link", name=re.compile("Report a change")).get_attribute("href").startswith("mailto:")
    page.get_by_role("link", name="Guides", exact=True).first.click()
    page.get_by_role("link", name="What is a care micro-enterprise?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is a care micro-enterprise?")
    page.goto(f"{served_sample}/search/?q=bath")
    assert page.get_by_role("link", name="Washing and bathing").is_visible()


def test_nothing_moves_for_residents_who_ask_for_less_motion(new_page, served_sample):
    page = new_page(reduced_motion="reduce")
    for path in ["/", "/search/", "/providers/bright-days-home-support/"]:
        page.goto(f"{served_sample}{path}")
        moving = page.evaluate("""() => [...document.querySelectorAll('*')].filter((el) => {
            const s = getComputedStyle(el);
            return parseFloat(s.transitionDuration) > 0
                || (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0);
        }).map((el) => el.tagName + '.' + el.className)""")
        assert moving == [], path


def test_forced_colours_keep_focus_and_controls_visible(new_page, served_sample):
    page = new_page(forced_colors="active")
    page.goto(f"{served_sample}/search/")
    page.wait_for_selector("#search-app:not([data-loading])")
    for selector in [
        "a.govuk-service-navigation__link",
        "#q",
        "#district",
        "#payment-direct-payments",
        "#cqc-registered",
        "button.govuk-button",
        "#results a",
    ]:
        page.locator(selector).first.focus()
        assert page.evaluate(FOCUS_VISIBLE_JS)["visible"], selector
    box = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('label[for=payment-direct-payments]'), "
        "'::before'); return [s.borderTopStyle, s.borderTopWidth]; }"
    )
    assert box[0] == "solid" and float(box[1].rstrip("px")) >= 1
    button = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('button.govuk-button')); return [s.borderTopStyle, "
        "s.borderTopWidth]; }"
    )
    assert button[0] == "solid" and float(button[1].rstrip("px")) >= 1
