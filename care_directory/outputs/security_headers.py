"""The HTTP headers every host should send with the site.

One list, written into the built site as `_headers` (read by Netlify and
similar hosts), repeated in netlify.toml and the nginx example in
docs/hosting.md (the tests check all three agree). The site needs nothing
from other origins and no inline script or style, so the policy is strict.
"""

from __future__ import annotations

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


def write_headers_file(destination: Path) -> None:
    """Write `_headers` (Netlify's format) applying HEADERS to every path."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in HEADERS.items()]
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
