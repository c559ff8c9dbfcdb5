"""Hostile catalogs, cache folders and environments, run against the installed `mlroles`.

Each case is what a careful user, or someone who shares a catalog or a cache folder, could do.
The README's promises hold in every one of them: one line per problem on stderr, the documented
exit code, never a traceback, nothing the user had lost, and an answer in bounded time (every
run has a `timeout`).

The program is the installed one, not the source tree: the environment's own `mlroles` when
the package is installed normally (as in CI), else a wheel built once for this module and
installed into a virtual environment of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import distribution
from pathlib import Path

import pytest
import yaml

from mlroles.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "roles.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_catalog import to_yaml, write_catalog  # noqa: E402

#: Generous bounds for a machine shared with other work; a hang or a quadratic slowdown
#: (tens of seconds) still fails.
QUICK = 20
SLOW = 60


# --- the installed program -------------------------------------------------------------------


def _editable() -> bool:
    direct_url = distribution("mlroles").read_text("direct_url.json")
    return bool(direct_url) and bool(json.loads(direct_url).get("dir_info", {}).get("editable"))


@pytest.fixture(scope="session")
def installed() -> Iterator[Path]:
    """The `mlroles` console script of a non-editable install."""
    if not _editable():
        found = shutil.which("mlroles", path=str(Path(sys.executable).parent))
        if found:
            yield Path(found)
            return
    with readable_by_all() as work:
        yield _install(work)


@contextlib.contextmanager
def readable_by_all() -> Iterator[Path]:
    """A temporary folder that a user with no passwd entry can read too."""
    work = Path(tempfile.mkdtemp(prefix="mlroles-test-"))
    work.chmod(0o755)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _install(work: Path) -> Path:
    wheels, venv = work / "wheels", work / "venv"
    quiet = {"check": True, "capture_output": True, "timeout": 600}
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], **quiet)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], **quiet)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        text=True,
        **quiet,
    ).stdout.strip()
    # The dependencies come from the environment running the tests; mlroles from the wheel.
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site, "_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    wheel = next(wheels.glob("mlroles-*.whl"))
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "-q", str(wheel)], **quiet
    )
    return venv / "bin" / "mlroles"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: a cache folder of this test's own, a home of its own."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MLROLES_")}
    clean.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"))
    clean.update(COLUMNS="100", LC_ALL="C.UTF-8")
    (tmp_path / "home").mkdir()
    return clean


def run(
    exe: Path,
    args: Sequence[str | bytes],
    env: dict[str, str],
    *,
    timeout: float = QUICK,
    cwd: Path | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    # (`preexec_fn` only limits memory: switching users there would leave the child unable to
    # reach an interpreter in a folder only root can enter; `as_no_one` does that instead.)
    return subprocess.run(
        [str(exe), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=preexec_fn,
        stdin=subprocess.DEVNULL,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int) -> list[str]:
    """The documented exit code, nothing on stdout, no traceback, one line per problem."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "an error says what went wrong"
    return lines


def assert_one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    lines = assert_clean_error(result, code)
    assert len(lines) == 1, result.stderr
    return lines[0]


def complete(
    exe: Path, line: str, env: dict[str, str], timeout: float = QUICK
) -> subprocess.CompletedProcess[str]:
    words = line.split(" ")
    completion = {"_MLROLES_COMPLETE": "complete_bash", "COMP_WORDS": line}
    completion["COMP_CWORD"] = str(len(words) - 1)
    return run(exe, [], {**env, **completion}, timeout=timeout)


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A valid catalog large enough to be cached (300 roles)."""
    path = tmp_path / "big.yaml"
    write_catalog(path, 300)
    return path


def cache_entries(env: dict[str, str]) -> list[Path]:
    folder = Path(env["XDG_CACHE_HOME"]) / "mlroles"
    return sorted(p for p in folder.iterdir() if p.name.endswith(".json"))


def role_count(result: subprocess.CompletedProcess[str]) -> int:
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["roles"])


# --- the cache -------------------------------------------------------------------------------


def test_the_cache_leaves_files_it_did_not_write(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    folder = Path(env["XDG_CACHE_HOME"]) / "mlroles"
    folder.mkdir(parents=True)
    notes = {folder / f"notes-{n}.json": f'{{"note": {n}}}' for n in range(20)}
    for path, text in notes.items():
        path.write_text(text)
    for n in range(3):  # three different catalogs: three entries written
        write_catalog(tmp_path / f"c{n}.yaml", 300 + n)
        assert (
            run(installed, ["--data", str(tmp_path / f"c{n}.yaml"), "validate"], env).returncode
            == 0
        )
    assert {path: path.read_text() for path in notes} == notes


def test_an_entry_overwritten_with_another_catalog_is_not_served(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    mine, other = tmp_path / "mine.yaml", tmp_path / "other.yaml"
    write_catalog(mine, 300)
    write_catalog(other, 400)
    validate = ["validate", "--json"]
    assert role_count(run(installed, ["--data", str(mine), *validate], env)) == 300
    (mine_entry,) = cache_entries(env)
    assert role_count(run(installed, ["--data", str(other), *validate], env)) == 400
    (other_entry,) = set(cache_entries(env)) - {mine_entry}
    for forged in (
        other_entry.read_bytes(),
        json.dumps(yaml.safe_load(other.read_text())).encode(),
    ):
        mine_entry.write_bytes(forged)
        assert role_count(run(installed, ["--data", str(mine), *validate], env)) == 300
        assert mine_entry.read_bytes() != forged, "the forged entry is written anew"
        assert role_count(run(installed, ["--data", str(mine), *validate], env)) == 300


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero", "link-to-a-file"])
def test_a_cache_entry_that_is_not_a_regular_file_is_passed_over(
    installed: Path, env: dict[str, str], big: Path, tmp_path: Path, kind: str
) -> None:
    assert run(installed, ["--data", str(big), "validate"], env).returncode == 0
    (entry,) = cache_entries(env)
    decoy = tmp_path / "decoy.json"
    decoy.write_bytes(entry.read_bytes())
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero" if kind == "link-to-dev-zero" else decoy)
    for args in (["validate"], ["list", "--json"]):
        result = run(installed, ["--data", str(big), *args], env)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    assert complete(installed, f"mlroles --data {big} show ", env).stdout != ""


# --- what is read as a catalog ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link-to-dev-zero", "directory"])
def test_a_catalog_that_is_not_a_regular_file_is_one_line(
    installed: Path, env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "catalog.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path = Path("/dev/zero")
    elif kind == "link-to-dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    line = assert_one_line(run(installed, ["--data", str(path), "list"], env), 3)
    assert line.startswith(f"{path}: ")


def test_a_link_to_a_regular_catalog_is_read(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    link = tmp_path / "team.yaml"
    link.symlink_to(BUNDLED)
    result = run(installed, ["--data", str(link), "validate"], env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command", ["show ", "list --tool "])
def test_completion_passes_over_a_catalog_that_is_a_fifo(
    installed: Path, env: dict[str, str], tmp_path: Path, command: str
) -> None:
    fifo = tmp_path / "catalog.yaml"
    os.mkfifo(fifo)
    result = complete(installed, f"mlroles --data {fifo} {command}", env)
    assert result.returncode == 0
    assert result.stdout.strip() == ""
    assert result.stderr == ""


# --- bad input in time proportional to its size ----------------------------------------------


def control_characters(path: Path) -> Path:
    path.write_text("version: 1\nroles:\n" + "\x01\n" * 500_000)
    return path


def keys_twice(path: Path) -> Path:
    text = to_yaml(_roles(2000))
    path.write_text(text.replace("\n    title: ", "\n    group: core-ml\n    title: "))
    return path


def _roles(n: int) -> list[dict[str, object]]:
    from make_catalog import make_roles

    return make_roles(n)


@pytest.mark.parametrize(
    "make", [pytest.param(control_characters, id="1MB-of-control-characters"),
             pytest.param(keys_twice, id="2000-roles-with-a-key-twice")]
)  # fmt: skip
def test_bad_input_fails_in_bounded_time(
    installed: Path, env: dict[str, str], tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path / "bad.yaml")
    lines = assert_clean_error(run(installed, ["--data", str(path), "validate"], env), 3)
    assert len(lines) == 51  # at most 50 problems, then how many more
    assert all(line.startswith(f"{path}:") for line in lines[:-1])
    assert lines[-1].startswith("... and ")
    result = complete(installed, f"mlroles --data {path} show ", env)
    assert (result.returncode, result.stderr) == (0, "")


# --- home, users and memory ------------------------------------------------------------------


def as_no_one(exe: Path, folder: Path) -> Path:
    """A command that runs `exe` as a uid with no passwd entry (no home to be found)."""
    wrapper = folder / "as-no-one"
    setpriv = shutil.which("setpriv")
    assert setpriv is not None
    ids = "--reuid 54321 --regid 54321 --clear-groups"
    wrapper.write_text(f'#!/bin/sh\nexec {setpriv} {ids} "{exe}" "$@"\n')
    wrapper.chmod(0o755)
    probe = subprocess.run([wrapper, "--version"], capture_output=True, timeout=QUICK)
    if probe.returncode != 0:  # installed in a folder only its owner can read (CI's mktemp)
        pytest.skip("the installed program cannot be run by a uid of no one here")
    return wrapper


def without_passwd_entry(
    exe: Path, args: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI as if this uid had no passwd entry (and so no home to be found)."""
    program = (
        "import pwd, sys\n"
        "def missing(uid):\n"
        "    raise KeyError(f'getpwuid(): uid not found: {uid}')\n"
        "pwd.getpwuid = missing\n"
        "from mlroles.cli.entry import run\n"
        "sys.argv[0] = 'mlroles'\n"
        "run()\n"
    )
    return subprocess.run(
        [python_of(exe), "-c", program, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=QUICK,
    )


@pytest.mark.parametrize("args", [["list"], ["validate"]])
def test_no_passwd_entry_and_no_home_runs_without_the_cache(
    installed: Path, env: dict[str, str], big: Path, args: list[str]
) -> None:
    del env["HOME"], env["XDG_CACHE_HOME"]
    result = without_passwd_entry(installed, ["--data", str(big), *args], env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_no_passwd_entry_and_a_tilde_path_is_one_line(installed: Path, env: dict[str, str]) -> None:
    del env["HOME"]
    result = without_passwd_entry(installed, ["--data", "~/team.yaml", "list"], env)
    assert "home" in assert_one_line(result, ExitCode.INVALID_CATALOG)


needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs to run as a uid of no one (root and setpriv)",
)


@needs_root
@pytest.mark.parametrize("args", [["list"], ["validate"]])
def test_no_home_at_all_runs_without_the_cache(
    installed: Path, env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    del env["HOME"], env["XDG_CACHE_HOME"]
    with readable_by_all() as folder:
        path = folder / "big.yaml"
        write_catalog(path, 300)
        path.chmod(0o644)
        result = run(as_no_one(installed, tmp_path), ["--data", str(path), *args], env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@needs_root
def test_no_home_and_a_tilde_path_is_one_line(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    del env["HOME"]
    result = run(as_no_one(installed, tmp_path), ["--data", "~/team.yaml", "list"], env)
    assert "home" in assert_one_line(result, ExitCode.INVALID_CATALOG)


@pytest.mark.parametrize(
    "how", [pytest.param("option", id="--data"), pytest.param("env", id="MLROLES_DATA")]
)
def test_an_unknown_user_in_a_path_is_one_line(
    installed: Path, env: dict[str, str], how: str
) -> None:
    path = "~nosuchuser-of-mlroles/x.yaml"
    args = ["--data", path, "list"] if how == "option" else ["list"]
    if how == "env":
        env["MLROLES_DATA"] = path
    line = assert_one_line(run(installed, args, env), ExitCode.INVALID_CATALOG)
    assert line.startswith(f"{path}: ")
    assert "nosuchuser-of-mlroles" in line.split(": ", 1)[1]


def test_a_50mb_catalog_under_a_500mb_memory_limit_is_one_line(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "huge.yaml"
    write_catalog(path, 100)
    block = path.read_text().split("roles:\n", 1)[1]
    with path.open("a") as stream:
        n = 0
        while stream.tell() < 50 * 1024 * 1024:
            n += 1
            stream.write(block.replace("  - id: ", f"  - id: x{n}-"))

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (500 * 1024 * 1024, 500 * 1024 * 1024))

    result = run(
        installed, ["--data", str(path), "list"], env, preexec_fn=limit_memory, timeout=SLOW
    )
    line = assert_one_line(result, ExitCode.INVALID_CATALOG)
    assert line.startswith(f"{path}: ")


# --- init ------------------------------------------------------------------------------------


def test_init_into_a_path_that_is_not_utf8(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    name = os.fsencode(tmp_path) + b"/team-\xff.yaml"
    result = run(installed, [b"init", name], env)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:  # written, under the very name given, as a valid catalog
        assert Path(os.fsdecode(name)).is_file()
        Path(os.fsdecode(name)).read_bytes().decode("utf-8")
        assert result.stdout.startswith(str(tmp_path) + "/team-\\xff.yaml: wrote")
        assert run(installed, [b"validate", name], env).returncode == 0
    else:
        assert_one_line(result, ExitCode.USAGE)
        assert os.listdir(tmp_path) == []


def _signal_during(call: str, sig: int) -> str:
    """A Python program that runs the installed CLI and sends itself `sig` inside `call`."""
    module, _, function = call.rpartition(".")
    return (
        "import os, signal, sys\n"
        f"import {module} as target\n"
        f"original = target.{function}\n"
        "def hooked(*args, **kwargs):\n"
        f"    os.kill(os.getpid(), {int(sig)})\n"
        "    return original(*args, **kwargs)\n"
        f"target.{function} = hooked\n"
        "from mlroles.cli.entry import run\n"
        "sys.argv[0] = 'mlroles'\n"
        "run()\n"
    )


def python_of(exe: Path) -> str:
    return exe.read_text().splitlines()[0].removeprefix("#!")


def ours(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_init_leaves_no_temporary_file(
    installed: Path, env: dict[str, str], tmp_path: Path, sig: int
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    program = _signal_during("os.fsync", sig)
    result = subprocess.run(
        [python_of(installed), "-c", program, "init", str(folder / "team.yaml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=QUICK,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert os.listdir(folder) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_a_cache_write_leaves_no_temporary_file(
    installed: Path, env: dict[str, str], big: Path, sig: int
) -> None:
    program = _signal_during("os.replace", sig)  # the entry is written, not yet renamed
    result = subprocess.run(
        [python_of(installed), "-c", program, "--data", str(big), "validate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=QUICK,
    )
    assert result.returncode != 0, "the signal ended the run"
    assert "Traceback" not in result.stderr
    folder = Path(env["XDG_CACHE_HOME"]) / "mlroles"
    assert not folder.exists() or ours(folder) == []


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_of_ours_are_cleaned_up_later(
    installed: Path, env: dict[str, str], big: Path, tmp_path: Path
) -> None:
    cache = Path(env["XDG_CACHE_HOME"]) / "mlroles"
    cache.mkdir(parents=True)
    out = tmp_path / "out"
    out.mkdir()
    # What a SIGKILL leaves: our temporary files, named as we name them, a day old...
    digest = "0123456789abcdef" * 2 + "01234567"
    stale = [cache / f".mlroles-{digest}.k2j3h4g5.tmp", out / ".team.yaml.mlroles-a1b2c3d4.tmp"]
    # ... beside one being written right now, and files that are not ours.
    fresh = cache / f".mlroles-{digest[::-1]}.z9y8x7w6.tmp"
    others = [cache / "notes.tmp", cache / ".other.tmp", out / ".team.yaml.swp", out / "x.tmp"]
    for path in [*stale, fresh, *others]:
        path.write_text("partial")
    for path in [*stale, *others]:
        _age(path, 86400)
    assert run(installed, ["--data", str(big), "validate"], env).returncode == 0
    assert run(installed, ["init", str(out / "team.yaml")], env).returncode == 0
    assert [p for p in stale if p.exists()] == []
    assert fresh.exists()
    assert all(p.read_text() == "partial" for p in others)


# --- text in messages ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["validate"]])
def test_a_path_with_a_newline_stays_on_one_line(
    installed: Path, env: dict[str, str], tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "two\nlines"
    folder.mkdir()
    for path in (folder / "missing.yaml", folder / "bad.yaml"):
        if path.name == "bad.yaml":
            path.write_text("version: 1\nroles: []\n")
        line = assert_one_line(run(installed, ["--data", str(path), *command], env), 3)
        assert "\\n" in line
        assert line.startswith(str(path).replace("\n", "\\n"))


# --- YAML 1.1's surprises --------------------------------------------------------------------


def _edit(tmp_path: Path, old: str, new: str) -> Path:
    text = BUNDLED.read_text()
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_a_title_like_1_30_is_the_text_written(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    data = yaml.safe_load(BUNDLED.read_text())
    old = f"title: {data['roles'][0]['title']}\n"
    path = _edit(tmp_path, old, "title: 1:30\n")
    result = run(installed, ["--data", str(path), "list", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["title"] == "1:30"


def test_a_number_with_a_leading_zero_is_decimal(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    data = yaml.safe_load(BUNDLED.read_text())
    value = data["roles"][0]["skills"]["communication"]
    path = _edit(tmp_path, f"communication: {value}", "communication: 010")
    line = assert_one_line(run(installed, ["--data", str(path), "validate"], env), 3)
    assert line.endswith("roles[0].skills.communication: should be at most 1 (got 10)"), line
