"""Write the staff editor (Sveltia CMS from npm) into a folder of its own: `build.py editor`.

The editor is served from the pinned npm package, never a CDN. Its script
names three fonts on a CDN (Fontsource on jsDelivr); those addresses are
rewritten to copies of the same font files from the pinned Fontsource npm
packages, so the editor makes no request to another site but GitHub. If a new
version of the editor names other fonts, the build stops and says so.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import yaml

from care_directory.config import Site
from care_directory.editor.cms_config import cms_config
from care_directory.outputs.security_headers import write_editor_headers_file
from care_directory.outputs.theme_assets import NODE_MODULES, AssetError

EDITOR_SCRIPT = NODE_MODULES / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
FONTSOURCE_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
# The CDN address in the editor's script -> the same file in a pinned Fontsource npm package.
FONTS = {
    FONTSOURCE_CDN + "source-sans-3:vf@5.3.0/latin-wght-normal.woff2": NODE_MODULES
    / "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    FONTSOURCE_CDN + "noto-mono@5.3.0/latin-400-normal.woff2": NODE_MODULES
    / "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
    FONTSOURCE_CDN + "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": NODE_MODULES
    / "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
}
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit listings: {service_name}</title>
</head>
<body>
<script src="sveltia-cms.js"></script>
</body>
</html>
"""


class _NoAliases(yaml.SafeDumper):
    """Writes each collection's fields in full rather than as YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def write_editor(site: Site, destination: Path) -> Path:
    """Write the editor into destination/admin/ and its headers file; returns the admin folder."""
    missing = [path for path in (EDITOR_SCRIPT, *FONTS.values()) if not path.exists()]
    if missing:
        raise AssetError(
            f"{missing[0].relative_to(NODE_MODULES.parent)} is missing: run `npm ci` in the project folder"
        )
    script = EDITOR_SCRIPT.read_text(encoding="utf-8")
    admin = destination / "admin"
    (admin / "fonts").mkdir(parents=True, exist_ok=True)
    for address, font in FONTS.items():
        if address not in script:
            raise AssetError(f"the editor's script no longer loads {address}: update FONTS in {__name__}")
        script = script.replace(address, f"fonts/{font.name}")
        shutil.copyfile(font, admin / "fonts" / font.name)
    if FONTSOURCE_CDN in script:
        raise AssetError(f"the editor's script loads a font from {FONTSOURCE_CDN} not in FONTS ({__name__})")
    (admin / "sveltia-cms.js").write_text(script, encoding="utf-8")
    (admin / "index.html").write_text(
        PAGE.format(service_name=html.escape(site.settings["service_name"])), encoding="utf-8"
    )
    config = yaml.dump(cms_config(site), Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    (admin / "config.yml").write_text(config, encoding="utf-8")
    write_editor_headers_file(destination, site.settings["editor"].get("auth_url"))
    return admin
