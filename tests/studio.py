"""A real studio server for the tests: `stretchkit studio init` and `start` run by the studio
Python (tests/setup_servers.py made it), on a database of the test PostgreSQL cluster, with
HTTPS from a throwaway certificate, two trainers who are real system users logging in with
PAM, and clients of each. One per test module; everything it made is removed afterwards."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.servers.studio_accounts import group_exists, user_exists
from stretchkit.store import Store
from tests.postgres import PostgresCluster
from tests.setup_servers import CHECKOUT, STUDIO_PYTHON

START_TIMEOUT_S = 180.0
KERNEL_READY = "stretchkit-dashboard-kernel-ready"
POOL_SIZE = 2
BOBS_CLIENTS = ("Quinn Marlowe", "Noor Castellan")
SHARED_ACCOUNTS = ("stretchkit-dashboard",)
SHARED_GROUPS = ("stretchkit-trainers", "stretchkit-admins")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def refresh_studio_python() -> None:
    """Put the working tree's stretchkit into the studio Python, with any dependency it
    gained since tests/setup_servers.py made it."""
    pip = [str(STUDIO_PYTHON), "-m", "pip", "install", "--quiet"]
    for extra in (["--no-deps", "--force-reinstall"], []):
        subprocess.run([*pip, *extra, str(CHECKOUT)], check=True, capture_output=True)


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Studio:
    """The running studio: its folder, addresses, trainers (name, password) and links."""

    cluster: PostgresCluster
    folder: Path
    database: str = ""
    owner: str = ""
    owner_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    port: int = field(default_factory=_free_port)
    hub_port: int = field(default_factory=_free_port)
    dashboard_port: int = field(default_factory=_free_port)
    trainers: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    made_users: list[str] = field(default_factory=list)
    made_shared: list[str] = field(default_factory=list)
    made_groups: list[str] = field(default_factory=list)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def public_url(self) -> str:
        return f"https://localhost:{self.port}"

    @property
    def db_url(self) -> str:
        """The owner's URL, no password (that is in the owner's password file)."""
        return f"postgresql://{self.owner}@127.0.0.1:{self.cluster.port}/{self.database}"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSFILE": str(self.folder / "owner.pgpass")}

    @property
    def log(self) -> Path:
        return self.folder / "hub.log"

    @property
    def studio_dir(self) -> Path:
        return self.folder / "studio"

    def stretchkit(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a stretchkit command with the studio Python, as the admin (root)."""
        return subprocess.run(
            [str(STUDIO_PYTHON), "-m", "stretchkit", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
            cwd=self.folder,
        )

    def _database(self) -> None:
        self.database = self.cluster.new_database()
        self.owner = f"owner_{self.database}"
        self.cluster.sql(
            f"CREATE ROLE {self.owner} LOGIN CREATEROLE PASSWORD '{self.owner_password}'"
        )
        self.cluster.sql(f'ALTER DATABASE "{self.database}" OWNER TO {self.owner}')
        pgpass = self.folder / "owner.pgpass"
        pgpass.write_text(
            f"127.0.0.1:{self.cluster.port}:{self.database}:{self.owner}:{self.owner_password}\n"
        )
        pgpass.chmod(0o600)

    def set_up(self) -> None:
        """Everything an admin does before starting the studio, by the README's commands."""
        self.made_shared = [n for n in SHARED_ACCOUNTS if not user_exists(n)]
        self.made_groups = [n for n in SHARED_GROUPS if not group_exists(n)]
        self._database()
        cert, key = _certificate(self.folder)
        done = self.stretchkit(
            "studio", "init", "--dir", str(self.studio_dir), "--db", self.db_url,
            "--public-url", self.public_url, "--cert", str(cert), "--key", str(key),
            "--ip", "127.0.0.1", "--port", str(self.port), "--hub-port", str(self.hub_port),
            "--proxy-api-port", str(_free_port()), "--dashboard-port", str(self.dashboard_port),
            "--pool-size", str(POOL_SIZE),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        suffix = secrets.token_hex(2)
        for who in ("alice", "bob"):
            self.add_trainer(f"skt{suffix}-{who}")

    def add_trainer(self, name: str) -> subprocess.CompletedProcess[str]:
        """Add a trainer with a login password of their own."""
        password = secrets.token_urlsafe(12)
        file = self.folder / f"{name}.password"
        file.write_text(password + "\n")
        file.chmod(0o600)
        if not user_exists(name):
            self.made_users.append(name)
        done = self.stretchkit("studio", "add-trainer", name, "--dir", str(self.studio_dir),
                               "--password-file", str(file))  # fmt: skip
        assert done.returncode == 0, done.stderr
        self.trainers[name] = password
        return done

    def owner_store(self, trainer: str) -> Store:
        """The store as its owner would open it for one trainer."""
        url = self.cluster.url(self.database, user=self.owner, password=self.owner_password)
        return Store.open(url, trainer=trainer)

    def seed(self) -> None:
        """Demo clients with months of history for the first trainer; two of the second's."""
        alice, bob = list(self.trainers)[:2]
        with self.owner_store(alice) as store:
            seed_demo_data(store, 3)
            client = store.clients.all()[0]
            _, token = store.links.create(client.id, "phone")
            self.links[client.details.name] = f"{self.public_url}/services/dashboard/?key={token}"
        with self.owner_store(bob) as store:
            for name in BOBS_CLIENTS:
                store.clients.add(ClientDetails(name))

    def clients_of(self, trainer: str) -> list[str]:
        with self.owner_store(trainer) as store:
            return sorted(c.details.name for c in store.clients.all())

    def start(self) -> None:
        """`stretchkit studio start`, until the hub runs and the dashboard's kernels wait."""
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(STUDIO_PYTHON), "-m", "stretchkit", "studio", "start", "--dir",
                 str(self.studio_dir)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=self.env,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            text = self.log.read_text(errors="replace")
            if "JupyterHub is now running" in text and text.count(KERNEL_READY) >= POOL_SIZE:
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"the studio stopped while starting:\n{text[-3000:]}")
            time.sleep(0.5)
        raise AssertionError(f"the studio did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> tuple[int, float]:
        """Ctrl+C to `stretchkit studio start`; its exit code and how long it took."""
        assert self.proc is not None
        began = time.monotonic()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
        try:
            code = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            code = self.proc.wait()
        return code, time.monotonic() - began

    def processes_left(self) -> list[str]:
        """Processes still running (zombies, which have ended, aside) as this studio's
        trainers, or with its folder on their command line or in their environment (the
        dashboard's Voila and kernels: its system user may serve another studio too)."""
        users = {pwd.getpwnam(n).pw_uid for n in self.trainers if user_exists(n)}
        folder = str(self.folder).encode()
        left = []
        for entry in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError):
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                argv = (entry / "cmdline").read_bytes()
                mine = entry.stat().st_uid in users or folder in argv
                if state != "Z" and (mine or folder in (entry / "environ").read_bytes()):
                    shown = argv.replace(b"\0", b" ").decode(errors="replace")
                    left.append(f"{entry.name}: {shown[:120]}")
        return left

    def tear_down(self) -> None:
        """Stop the studio if it runs; remove the system users and groups it made."""
        if self.proc is not None and self.proc.poll() is None:
            self.stop()
        for pid_line in self.processes_left():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_line.split(":")[0]), signal.SIGKILL)
        for name in [*self.made_users, *self.made_shared]:
            subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)
        for group in self.made_groups:
            subprocess.run(["groupdel", group], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def key_masked(text: str) -> str:
    """A text with link keys hidden, for assertion messages."""
    return re.sub(r"key=[^&\s\"']+", "key=…", text)
