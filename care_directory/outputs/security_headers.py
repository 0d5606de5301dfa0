"""The HTTP headers every host should send with the site.

One list, written into the built site as `_headers` (read by Netlify and
similar hosts), repeated in netlify.toml and the nginx example in
docs/hosting.md (the tests check all three agree). The site needs nothing
from other origins and no inline script or style, so the policy is strict.
The one exception is a form page whose form is sent off the site (by
e-mail or to the council's form handler, see model/forms.py): that page's
own rule, after the rule for every path, lets its form go there.
"""

from __future__ import annotations

import re
from pathlib import Path

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000",
}


def form_page_policy(sources: tuple[str, ...]) -> str:
    """The Content Security Policy of a form page whose form is sent off the site: form-action also allows
    `sources`, and nothing else changes."""
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", " ".join(["form-action 'self'", *sources]))


def header_rules(form_pages: dict[str, tuple[str, ...]] | None = None) -> list[tuple[str, dict[str, str]]]:
    """(path rule, headers) in order: every path, then each form page that sends its form off the site.

    A later rule's value of a header replaces an earlier one's for the paths
    it matches, as Netlify applies _headers, so only the form pages get the
    wider form-action.
    """
    rules = [("/*", HEADERS)]
    rules += [
        (path, {"Content-Security-Policy": form_page_policy(sources)}) for path, sources in (form_pages or {}).items()
    ]
    return rules


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """The headers a host sends for `path` under `rules` (later matching rules win, header by header)."""
    headers: dict[str, str] = {}
    for rule, values in rules:
        if _rule_pattern(rule).fullmatch(path):
            headers.update(values)
    return headers


def _rule_pattern(rule: str) -> re.Pattern:
    """A _headers path rule as a pattern: '*' matches anything (at the end), ':name' one folder name."""
    parts = [".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part) for part in rule.split("/")]
    return re.compile("/".join(parts))


def write_headers_file(destination: Path, form_pages: dict[str, tuple[str, ...]] | None = None) -> None:
    """Write `_headers` (Netlify's format): HEADERS for every path, then the form pages' own policy."""
    lines = []
    for path, values in header_rules(form_pages):
        lines += [path] + [f"  {name}: {value}" for name, value in values.items()]
    (destination / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")


def editor_headers(auth_url: str | None) -> dict[str, str]:
    """The headers for the staff editor under /admin/ (on its own, staff-only host): the public site's, loosened
    only where the editor needs it. Scripts stay 'self' only, with no 'unsafe-eval'. The editor injects its
    styles at run time ('unsafe-inline' styles, never scripts), talks to GitHub's API, shows GitHub avatars,
    and signs in through a pop-up window, which must be able to reply to the page that opened it."""
    sign_in = f" {_origin(auth_url)}" if auth_url else ""
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://avatars.githubusercontent.com",
            "font-src 'self'",
            f"connect-src 'self' https://api.github.com{sign_in}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        **HEADERS,
        "Content-Security-Policy": policy,
        "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
        "X-Robots-Tag": "noindex",
    }


def write_editor_headers_file(destination: Path, auth_url: str | None) -> None:
    """Write `_headers` for the editor's host, applying editor_headers to /admin/ only."""
    lines = ["/admin/*"] + [f"  {name}: {value}" for name, value in editor_headers(auth_url).items()]
    (destination / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/')[0]}"


def read_headers_file(path: Path) -> list[tuple[str, dict[str, str]]]:
    """The rules of a built `_headers` file, for serving a built site as its host would."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.strip() and rules:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules
