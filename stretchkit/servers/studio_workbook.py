"""A trainer's workbook on the studio server: the hub runs this as the trainer's own system
user; it puts the workbook's notebooks in their folder and becomes JupyterLab for the hub."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from stretchkit.servers.launching import python_module
from stretchkit.servers.workbook import LAB_CONFIG, prepare_notebook_dir

__all__ = ["singleuser_argv"]

ROOT_DIR_ENV = "JUPYTERHUB_ROOT_DIR"


def singleuser_argv(root: Path, extra: list[str]) -> list[str]:
    """JupyterHub's single-user JupyterLab on the trainer's workbook folder."""
    return python_module(
        "jupyterhub.singleuser",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *extra,
    )


def main() -> None:
    """Prepare the trainer's notebooks, then replace this process with JupyterLab."""
    root = Path(os.environ.get(ROOT_DIR_ENV, "~/stretchkit-workbook")).expanduser()
    os.umask(0o077)  # saved notebooks and exports hold client data: the trainer's alone
    prepare_notebook_dir(root)
    # JupyterLab's news pop-up is switched off, as in the laptop's workbook.
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (str(LAB_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH")) if p
    )
    argv = singleuser_argv(root, sys.argv[1:])
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
