"""Install the servers the tests drive (as root), each only when missing: from Debian's packages
Chromium for the browser tests and PostgreSQL for the studio store's tests; from npm's,
JupyterHub's proxy (configurable-http-proxy) and Mozilla's ical.js (in tests/.node, for the
calendar file's test); and the studio server's Python: a virtual environment in /opt, from
Debian's python3, that the trainers' system users can run (the hub starts each trainer's
JupyterLab as them), with stretchkit and what it needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PROXY = "configurable-http-proxy"
ICAL_JS = "ical.js@2"
"""Mozilla's iCalendar parser (Thunderbird's), which the calendar file's test reads it with."""
NODE_FOLDER = Path(__file__).resolve().parent / ".node"
"""Where the tests' own npm packages go (ignored by git)."""
STUDIO_VENV = Path("/opt/stretchkit-test-studio")
"""The studio tests' Python: outside /root, which only root may enter."""
STUDIO_PYTHON = STUDIO_VENV / "bin" / "python"
CHECKOUT = Path(__file__).resolve().parents[1]
PACKAGES = {
    "chromium": ["chromium", "fonts-dejavu-core"],
    "postgresql": ["postgresql", "postgresql-client"],
    "npm": ["nodejs", "npm"],
    "python3-venv": ["python3", "python3-venv"],
    "zbarimg": ["zbar-tools"],
}
"""What each server needs, by the name it is reported under."""


def _postgresql_found() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")) and bool(shutil.which("pg_dump"))


def _venv_works() -> bool:
    if not Path("/usr/bin/python3").exists():
        return False
    probe = ["/usr/bin/python3", "-c", "import ensurepip, venv"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def missing() -> list[str]:
    """The Debian packages' servers not installed yet."""
    found = {
        "chromium": bool(shutil.which(CHROMIUM)),
        "postgresql": _postgresql_found(),
        "npm": bool(shutil.which("npm")),
        "python3-venv": _venv_works(),
        "zbarimg": bool(shutil.which("zbarimg")),
    }
    return [name for name, present in found.items() if not present]


def install_proxy() -> None:
    """JupyterHub's proxy, from the npm registry."""
    if not shutil.which(PROXY):
        subprocess.run(["npm", "install", "--global", PROXY], check=True)
        print(f"Installed: {PROXY}")


def install_ical_js() -> None:
    """Mozilla's ical.js, from the npm registry, in the tests' own folder."""
    if not (NODE_FOLDER / "node_modules" / "ical.js" / "package.json").exists():
        NODE_FOLDER.mkdir(exist_ok=True)
        npm = ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix"]
        subprocess.run([*npm, str(NODE_FOLDER), ICAL_JS], check=True)
        print(f"Installed: {ICAL_JS} in {NODE_FOLDER}")


def install_studio_python() -> None:
    """The studio tests' virtual environment, readable by every user, with this checkout
    and its dependencies (the studio tests put the working tree's code in it again)."""
    if not STUDIO_PYTHON.exists():
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(STUDIO_VENV)], check=True)
    pip = [str(STUDIO_PYTHON), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, str(CHECKOUT)], check=True)
    STUDIO_VENV.chmod(0o755)
    print(f"Studio Python ready: {STUDIO_PYTHON}")


def main() -> int:
    """Install what is missing; say what to do when that is impossible."""
    code = install_packages()
    if code == 0:
        install_proxy()
        install_ical_js()
        install_studio_python()
    return code


def install_packages() -> int:
    """Install the missing Debian packages; say what to do when that is impossible."""
    needed = missing()
    if not needed:
        print("Chromium, PostgreSQL, npm and python3-venv found")
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
