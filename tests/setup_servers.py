"""Install the servers the tests drive, from Debian's packages (apt-get, as root): Chromium for
the browser tests, PostgreSQL for the studio store's tests. Each is installed only when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PACKAGES = {
    "chromium": ["chromium", "fonts-dejavu-core"],
    "postgresql": ["postgresql", "postgresql-client"],
}
"""What each server needs, by the name it is reported under."""


def _postgresql_found() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")) and bool(shutil.which("pg_dump"))


def missing() -> list[str]:
    """The servers not installed yet."""
    found = {"chromium": bool(shutil.which(CHROMIUM)), "postgresql": _postgresql_found()}
    return [name for name, present in found.items() if not present]


def main() -> int:
    """Install what is missing; say what to do when that is impossible."""
    needed = missing()
    if not needed:
        print("Chromium and PostgreSQL found")
        return 0
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        wanted = " ".join(p for name in needed for p in PACKAGES[name])
        print(f"Missing: {', '.join(needed)}. Install Debian's packages {wanted} (as root).")
        return 1
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    packages = [p for name in needed for p in PACKAGES[name]]
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )
    still = missing()
    if still:
        print(f"Still missing after apt-get: {', '.join(still)}")
        return 1
    print(f"Installed: {', '.join(needed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
