"""Catalogs written by tests, to show that no command is tied to the bundled roles.

Also the functions that run the installed `mlroles` as a real process, in a pipe or on a
pseudo-terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

SOURCE = {"title": "Team handbook", "url": "https://example.org/handbook"}


def role(
    role_id: str,
    title: str,
    *,
    tools: list[str] | None = None,
    skills: tuple[float, float, float] = (0.5, 0.5, 0.5),
    group: str = "core-ml",
    aliases: list[str] | None = None,
    summary: str = "Does the work of this role.",
    responsibilities: list[str] | None = None,
    work_product: list[str] | None = None,
    background: str = "Any background.",
) -> dict[str, Any]:
    machine_learning, software_engineering, communication = skills
    return {
        "id": role_id,
        "title": title,
        "aliases": aliases or [],
        "summary": summary,
        "responsibilities": responsibilities or ["Do the work"],
        "work_product": work_product or ["Results"],
        "tools": tools or [],
        "background": background,
        "skills": {
            "machine_learning": machine_learning,
            "software_engineering": software_engineering,
            "communication": communication,
        },
        "group": group,
        "sources": [dict(SOURCE)],
    }


#: A small platform team that shares no role, title or tool list with the bundled catalog.
PLATFORM_TEAM = [
    role(
        "site-reliability-engineer",
        "Site Reliability Engineer",
        aliases=["sre"],
        tools=["Kubernetes", "Terraform", "Prometheus"],
        skills=(0.1, 0.9, 0.3),
        group="ml-adjacent",
        summary="Keeps the serving clusters up and paged incidents short.",
        responsibilities=["Run the clusters", "Write postmortems"],
        work_product=["Runbooks"],
    ),
    role(
        "business-analyst",
        "Business Analyst",
        aliases=["analyst"],
        tools=["Excel", "Tableau", "SQL"],
        skills=(0.2, 0.2, 0.9),
        group="business-analytics",
        summary="Turns questions from sales into dashboards.",
        work_product=["Dashboards"],
    ),
    role(
        "applied-scientist",
        "Applied Scientist",
        aliases=["scientist"],
        tools=["PyTorch", "JAX", "Jupyter notebook"],
        skills=(0.9, 0.5, 0.5),
        group="core-ml",
        summary="Builds ranking models for the search page.",
        responsibilities=["Train ranking models", "Run offline evaluations"],
    ),
    role(
        "annotation-lead",
        "Annotation Lead",
        tools=["Label Studio"],
        skills=(0.3, 0.1, 0.7),
        group="ml-adjacent",
        summary="Runs the labelling team and its guidelines.",
    ),
]


def write_catalog(path: Path, roles: list[dict[str, Any]]) -> Path:
    """Write a version-1 catalog holding `roles` to `path` and return the path."""
    path.write_text(
        yaml.safe_dump({"version": 1, "roles": roles}, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return path


def installed() -> str:
    """The `mlroles` console script installed beside the running interpreter."""
    script = Path(sys.executable).with_name("mlroles")
    assert script.exists(), f"mlroles is not installed next to {sys.executable}"
    return str(script)


def base_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MLROLES_DATA", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM"}
    }
    env.update(extra)
    return env


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed `mlroles` with its output in a pipe."""
    return subprocess.run(
        [installed(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=base_env(**env),
        timeout=60,
        check=False,
    )


def run_in_terminal(*args: str, columns: int = 80, **env: str) -> tuple[int, str]:
    """Run the installed `mlroles` on a pseudo-terminal `columns` wide: (exit code, output)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    process = subprocess.Popen(
        [installed(), *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=base_env(TERM="xterm-256color", **env),
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is gone once the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8", errors="replace")
