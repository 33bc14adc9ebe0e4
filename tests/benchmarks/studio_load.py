"""What the studio's hub costs a client: the dashboard through the hub's HTTPS port against the
same Voila on its own port, in one run, and clients arriving at once through the hub.

Runs against a studio that is running (`stretchkit studio start`), as root with the store
owner's password where libpq finds it (~/.pgpass or $PGPASSFILE). It makes one personal link
for each of the first N clients that have holds (revoked at the end), then:

- sequential loads in fresh Chromium contexts, alternating the direct address
  (http://127.0.0.1:DASHBOARD_PORT/services/dashboard/, which only the hub's proxy uses) and
  the public one (the proxy, HTTPS): first chart visible and live page drawn, as in
  dashboard_load.py. The ratio through-the-hub / direct is what the proxy costs;
- N clients at once through the hub, as plain HTTPS clients reading the page (the server's
  share: first view's chart bytes and last byte) and as N Chromium pages (the browsers share
  this machine's cores with the server, which real phones would not).

Figures are printed; no target fails the run. The exit status is non-zero only when a page
never showed its chart.

    python3 tests/benchmarks/studio_load.py --studio /srv/stretchkit
    python3 tests/benchmarks/studio_load.py --studio DIR --public https://127.0.0.1:8443 \
        --clients 3 --loads 2
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.async_api import Browser, async_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the test helpers live in tests/

from stretchkit.servers.studio_settings import StudioSettings, load_settings  # noqa: E402
from stretchkit.store import Store  # noqa: E402
from stretchkit.store.trainers import EVERYONE  # noqa: E402
from tests.benchmarks.dashboard_load import (  # noqa: E402
    CPU_ROOTS,
    DASHBOARD_CHART,
    Load,
    burst,
    charts,
    exit_status,
    failed,
    http_burst,
    load_once,
    process_table,
    spread,
    wait_settled,
)
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LABEL = "studio load benchmark"
Figures = dict[str, list[Load]]


@contextmanager
def fresh_links(settings: StudioSettings, count: int) -> Iterator[list[str]]:
    """A new key for each of the first `count` clients with holds; revoked afterwards."""
    with Store.open(settings.db, trainer=EVERYONE) as store:
        chosen = [c for c in store.clients.all() if store.history.of_client(c.id).hold_count]
        if len(chosen) < count:
            raise SystemExit(
                f"the studio's store has {len(chosen)} clients with holds: {count} asked"
            )
        made = [store.links.create(c.id, LABEL) for c in chosen[:count]]
        try:
            yield [token for _, token in made]
        finally:
            for link, _ in made:
                store.links.revoke(link.id)


def routes(settings: StudioSettings, public: str) -> dict[str, str]:
    """The dashboard's two addresses: Voila's own port, and the hub's public one."""
    return {
        "direct": f"http://127.0.0.1:{settings.dashboard_port}/services/dashboard/",
        "through the hub": f"{public.rstrip('/')}/services/dashboard/",
    }


async def sequential(
    browser: Browser, bases: dict[str, str], keys: list[str], loads: int, timeout_s: float
) -> Figures:
    """`loads` rounds, each loading both addresses (the order alternating), one key each."""
    figures: Figures = {name: [] for name in bases}
    for i in range(loads):
        order = list(bases) if i % 2 == 0 else list(reversed(bases))
        for name in order:
            print(f"  {await wait_settled(1.0)}")
            load, _ = await load_once(
                browser, f"{bases[name]}?key={keys[i % len(keys)]}", DASHBOARD_CHART, timeout_s
            )
            print(f"  load {i + 1}, {name}: {load}")
            figures[name].append(load)
    return figures


def _ratio(figures: Figures, part: str) -> str:
    def median(name: str) -> float | None:
        values = [getattr(load, part) for load in figures.get(name, [])]
        known = [v for v in values if v is not None]
        return statistics.median(known) if known else None

    hub, direct = median("through the hub"), median("direct")
    if hub is None or direct is None:
        return "not measured"
    return f"{hub / direct:.2f}x ({hub:.2f} s through the hub, {direct:.2f} s direct)"


def _crowd(loads: list[Load]) -> str:
    times = charts(loads)
    if not times:
        return f"no chart in {len(loads)} clients"
    missing = f"; {failed(loads)} NEVER" if failed(loads) else ""
    live = [load.live_s for load in loads if load.live_s is not None]
    live_text = f"; live page: worst {max(live):.2f} s" if live else ""
    return f"worst {max(times):.2f} s, median {statistics.median(times):.2f} s{live_text}{missing}"


def count_the_hub(settings: StudioSettings) -> None:
    """Count the CPU of the studio's hub and everything under it (the dashboard's Voila and
    kernels), so that each phase starts once the server has settled."""
    config = str(settings.folder / "jupyterhub_config.py").encode()
    hubs = [
        pid for pid, p in process_table().items() if b"jupyterhub" in p.argv and config in p.argv
    ]
    if not hubs:
        raise SystemExit(
            f"no hub runs on {settings.folder}: start it with `stretchkit studio start`"
        )
    CPU_ROOTS.extend(hubs)


async def run(args: argparse.Namespace, settings: StudioSettings, figures: Figures) -> None:
    count_the_hub(settings)
    bases = routes(settings, args.public or settings.public_url)
    with fresh_links(settings, args.clients) as keys:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                print(f"\n== {args.loads} sequential loads each, alternating ==")
                figures.update(await sequential(browser, bases, keys, args.loads, args.timeout))
                for name, base in bases.items():
                    print(f"\n== {args.clients} clients at once, plain HTTP reads, {name} ==")
                    print(f"  {await wait_settled(3.0)}")
                    urls = {f"client {i + 1}": f"{base}?key={k}" for i, k in enumerate(keys)}
                    figures[f"http {name}"] = await http_burst(urls, args.timeout)
                print(f"\n== {args.clients} clients at once in Chromium, through the hub ==")
                print(f"  {await wait_settled(3.0)}")
                hub = bases["through the hub"]
                urls = {f"client {i + 1}": f"{hub}?key={k}" for i, k in enumerate(keys)}
                figures["burst through the hub"] = await burst(browser, urls, args.timeout)
            finally:
                await browser.close()


def summary(args: argparse.Namespace, figures: Figures) -> None:
    print("\n== summary ==")
    for name in ("direct", "through the hub"):
        print(f"{name}, first chart visible: {spread(figures.get(name))}")
    print(f"the hub's cost, first chart (through the hub / direct): {_ratio(figures, 'chart_s')}")
    print(f"the hub's cost, live page drawn: {_ratio(figures, 'live_s')}")
    for name in ("direct", "through the hub"):
        crowd = figures.get(f"http {name}", [])
        print(f"{args.clients} at once, server side (chart's bytes), {name}: {_crowd(crowd)}")
    crowd = figures.get("burst through the hub", [])
    print(f"{args.clients} at once in Chromium, through the hub: {_crowd(crowd)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studio", type=Path, required=True, help="the studio folder")
    parser.add_argument("--public", default=None, help="the hub's address from this machine")
    parser.add_argument("--clients", type=int, default=10, help="clients arriving at once")
    parser.add_argument("--loads", type=int, default=5, help="sequential loads per address")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per load")
    args = parser.parse_args(argv)
    figures: Figures = {}
    asyncio.run(run(args, load_settings(args.studio), figures))
    summary(args, figures)
    return exit_status(figures)


if __name__ == "__main__":
    sys.exit(main())
