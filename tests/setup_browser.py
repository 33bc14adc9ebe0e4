"""Make sure Debian's Chromium is installed for the browser tests (apt-get, as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    """Install the chromium package when it is missing; say what to do when that is impossible."""
    if shutil.which(CHROMIUM):
        print(f"Chromium found at {CHROMIUM}")
        return 0
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("Chromium is missing: install Debian's 'chromium' package (as root) and re-run.")
        return 1
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        [
            "apt-get",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "chromium",
            "fonts-dejavu-core",
        ],
        check=True,
        env=env,
    )
    print(f"Chromium installed at {CHROMIUM}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
