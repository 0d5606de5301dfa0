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
