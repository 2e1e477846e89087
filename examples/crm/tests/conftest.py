"""A PostgreSQL server for the help desk's PostgreSQL test: the one ``KESHER_CRM_POSTGRES_URL``
names, or a throwaway cluster started from the machine's ``initdb`` (Debian's ``postgresql``
package, which ``.ci/run`` installs), reached by a Unix socket in a temporary directory."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from typing import Iterator, List, Optional

import pytest


def _bin(name: str) -> Optional[str]:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_server_user(cmd: List[str]) -> List[str]:
    # initdb and postgres refuse to run as root; Debian's package makes a `postgres` user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("KESHER_CRM_POSTGRES_URL")
    if url:
        yield url
        return
    pytest.importorskip("psycopg", reason="psycopg is not installed (bindings/python/requirements-test.txt)")
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL: install Debian's postgresql or set KESHER_CRM_POSTGRES_URL")
    base = tempfile.mkdtemp(prefix="kesher-crm-pg-")
    data = os.path.join(base, "data")
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    run = lambda cmd: subprocess.run(_as_server_user(cmd), check=True, capture_output=True, timeout=120)  # noqa: E731
    try:
        run([initdb, "-D", data, "-U", "postgres", "--auth=trust", "--no-sync"])
        options = f"-k {base} -c listen_addresses='' -c fsync=off -p 54329"
        run([pg_ctl, "-D", data, "-o", options, "-l", os.path.join(base, "log"), "-w", "-t", "60", "start"])
        yield f"postgresql://postgres@/postgres?host={base}&port=54329"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", data, "-m", "immediate", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)
