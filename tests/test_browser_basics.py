"""The built site in a real browser: keyboard entry points and pages without JavaScript."""

import re

from playwright.sync_api import expect


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(browser, served_sample):
    page = browser.new_page()
    page.goto(f"{served_sample}/providers/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        or page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))  # the page says so once the jump is made
    page.keyboard.press("Tab")
    # The next stop is inside main: the skip link really skipped the header and navigation.
    assert page.evaluate("document.activeElement.closest('main') !== null")
    page.close()


def test_provider_pages_work_without_javascript(browser, served_sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_sample}/")
    page.get_by_role("link", name="Fenland").first.click()
    page.get_by_role("link", name="Fen Edge Home Care").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fen Edge Home Care")
    assert page.get_by_role("link", name="01632 960126").get_attribute("href") == "tel:+441632960126"
    context.close()
