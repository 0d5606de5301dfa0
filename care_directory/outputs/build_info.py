"""/build.json: what a build published and when, so anyone can see the site is current.

The daily build withdraws lapsed listings; if it stops running, the site
goes on showing listings whose checks have lapsed. `build.py monitor URL`
reads the live site's build.json and fails loudly when it is older than
allowed, so a monitoring job (or a person) notices.
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from care_directory.model.directory import Directory

# Environment variables hosts set to the commit being built.
COMMIT_VARIABLES = ("GITHUB_SHA", "COMMIT_REF")


def build_info(directory: Directory) -> dict:
    """The build date, policy, counts and source commit of this build."""
    return {
        "build_date": directory.today.isoformat(),
        "policy": {"name": directory.site.policy.name, "file": directory.site.policy.file},
        "counts": {"published": len(directory.providers), "withheld": len(directory.withheld)},
        "source_commit": source_commit(directory.site.root),
    }


def source_commit(root: Path) -> str | None:
    """The git commit the site was built from, from the host's environment or the checkout."""
    for name in COMMIT_VARIABLES:
        if os.environ.get(name):
            return os.environ[name]
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def write_build_info(directory: Directory, destination: Path) -> None:
    """Write build.json at the top of the built site."""
    (destination / "build.json").write_text(json.dumps(build_info(directory), indent=1) + "\n", encoding="utf-8")


def staleness_problem(info: dict, today: date, max_age_days: int) -> str | None:
    """Why a site with this build.json is out of date on `today`, or None when it is current."""
    try:
        built = date.fromisoformat(info["build_date"])
    except (KeyError, TypeError, ValueError):
        return "build.json has no valid build_date"
    age = (today - built).days
    if age > max_age_days:
        return (
            f"the site was last built on {built} ({age} days ago; the limit is {max_age_days}): "
            "the daily build has stopped, so listings whose checks have lapsed may still be shown"
        )
    return None


def fetch_build_info(site_url: str, timeout: float = 30) -> dict:
    """The live site's build.json; raises OSError or ValueError with a readable message."""
    address = site_url.rstrip("/") + "/build.json"
    try:
        with urllib.request.urlopen(address, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise OSError(f"{address} answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise OSError(f"cannot reach {address}: {error.reason}") from None
    except json.JSONDecodeError:
        raise ValueError(f"{address} is not JSON") from None
