"""The installed `mlroles`, run as a real program: in pipes, on a terminal, from elsewhere."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import distribution, version
from pathlib import Path

import pytest

import mlroles
from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.errors import ExitCode

IDS = [role.id for role in load_catalog(bundled_path()).roles]
REPO_CATALOG = Path(__file__).resolve().parent.parent / "data" / "roles.yaml"


def installed_script() -> str:
    """The `mlroles` console script of the environment running the tests."""
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        found = shutil.which("mlroles", path=str(folder))
        if found:
            return found
    pytest.fail("no `mlroles` script next to this Python: is the package installed?")


@pytest.fixture
def mlroles_exe() -> str:
    return installed_script()


def run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_list_piped_to_cut_prints_the_ids(mlroles_exe: str, tmp_path: Path) -> None:
    result = run(
        ["sh", "-c", '"$MLROLES" list | cut -f1'],
        tmp_path,
        env={**os.environ, "MLROLES": mlroles_exe},
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert "\x1b" not in result.stdout
    assert result.stdout.splitlines() == IDS


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["list"], id="list"),
        pytest.param(["list", "--json"], id="list-json"),
        pytest.param(["show", "mle"], id="show"),
        pytest.param(["compare", "mle", "ds", "--json"], id="compare-json"),
        pytest.param(["--help"], id="help"),
        pytest.param(["list", "--help"], id="command-help"),
        pytest.param(["--version"], id="version"),
    ],
)
def test_a_pipe_closed_before_writing_ends_quietly(
    mlroles_exe: str, tmp_path: Path, args: list[str]
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before mlroles writes a byte
    try:
        result = subprocess.run(
            [mlroles_exe, *args], stdout=write_end, stderr=subprocess.PIPE, cwd=tmp_path, timeout=60
        )
    finally:
        os.close(write_end)
    assert result.returncode == ExitCode.CLOSED_PIPE
    assert result.stderr == b""


@pytest.fixture
def big_catalog(tmp_path: Path) -> Path:
    """A valid catalog whose JSON is far larger than a pipe's buffer (about 64 KiB)."""
    roles = json.loads(
        subprocess.run(
            [installed_script(), "list", "--json"], capture_output=True, check=True, timeout=60
        ).stdout
    )
    copies = []
    for n in range(100):
        for role in roles:
            copies.append(
                {
                    **role,
                    "id": f"{role['id']}-{n}",
                    "aliases": [],
                    "works_with": [],
                }
            )
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"version": 1, "roles": copies}), encoding="utf-8")
    return path


def test_a_reader_that_stops_early_ends_the_writer_quietly(
    mlroles_exe: str, tmp_path: Path, big_catalog: Path
) -> None:
    proc = subprocess.Popen(
        [mlroles_exe, "--data", str(big_catalog), "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b"[\n  {\n    "
    proc.stdout.close()  # like `| head -c 10`: the reader leaves while mlroles is still writing
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == ExitCode.CLOSED_PIPE
    assert stderr == b""


def test_head_in_a_shell_pipeline_sees_no_traceback(
    mlroles_exe: str, tmp_path: Path, big_catalog: Path
) -> None:
    result = run(
        ["sh", "-c", '"$MLROLES" --data "$CATALOG" list | head -n 1'],
        tmp_path,
        env={**os.environ, "MLROLES": mlroles_exe, "CATALOG": str(big_catalog)},
    )
    assert result.stdout.split("\t")[0] == "ml-product-manager-0"
    assert result.stderr == ""


def test_python_m_mlroles_is_the_same_program(mlroles_exe: str, tmp_path: Path) -> None:
    via_module = run([sys.executable, "-m", "mlroles", "list"], tmp_path)
    via_script = run([mlroles_exe, "list"], tmp_path)
    assert via_module.returncode == 0
    assert via_module.stderr == ""
    assert via_module.stdout == via_script.stdout
    assert [line.split("\t")[0] for line in via_module.stdout.splitlines()] == IDS
    version_line = run([sys.executable, "-m", "mlroles", "--version"], tmp_path).stdout
    assert version_line == f"mlroles {version('mlroles')}\n"


def test_python_m_mlroles_reports_errors_the_same_way(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "mlroles", "show", "nope"], tmp_path)
    assert result.returncode == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert result.stderr.startswith("mlroles: no role named 'nope'")


def test_runs_from_another_working_directory(mlroles_exe: str, tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    result = run([mlroles_exe, "show", "ML Engineer", "--json"], elsewhere)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "ml-engineer"


def _is_editable() -> bool:
    direct_url = distribution("mlroles").read_text("direct_url.json")
    return bool(direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"))


def test_the_installed_package_carries_its_catalog(tmp_path: Path) -> None:
    if _is_editable():
        pytest.skip(
            "mlroles is installed in editable mode (pip install -e), which reads data/roles.yaml"
            " from the source tree; install it with `pip install .` (as .ci/run does) to check"
            " that the catalog ships inside the package"
        )
    packaged = Path(mlroles.__file__).resolve().parent / "data" / "roles.yaml"
    assert packaged.is_file()
    files = distribution("mlroles").files or []
    assert any(str(f).replace("\\", "/") == "mlroles/data/roles.yaml" for f in files)
    if REPO_CATALOG.is_file():
        assert packaged.read_bytes() == REPO_CATALOG.read_bytes()
    code = "from mlroles.catalog.load import bundled_path; print(bundled_path())"
    result = run([sys.executable, "-c", code], tmp_path)
    assert Path(result.stdout.strip()) == packaged


# --- on a terminal -----------------------------------------------------------------------------


def run_in_terminal(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run with stdout on a pseudo-terminal and return what it printed there."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program has exited and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert stderr == b""
    return b"".join(chunks).decode("utf-8")


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _colour_codes(text: str) -> list[str]:
    """The SGR parameters that set a foreground or background colour."""
    codes = []
    for params in SGR.findall(text):
        for code in params.split(";"):
            if code and (30 <= int(code) <= 49 or 90 <= int(code) <= 107):
                codes.append(code)
    return codes


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_list_on_a_terminal_draws_a_table(mlroles_exe: str, tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    out = run_in_terminal([mlroles_exe, "list"], env, tmp_path)
    plain = SGR.sub("", out)
    assert "\t" not in plain
    assert re.search(r"^\s*id\s+title\s+aliases\s+summary\s*$", plain, re.MULTILINE)
    for role_id in IDS:
        assert re.search(rf"^\s*{role_id}\s", plain, re.MULTILINE)
    assert _colour_codes(out), "expected colour on a terminal"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_no_color_is_honoured_on_a_terminal(mlroles_exe: str, tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "NO_COLOR": "1"}
    for args in (["list"], ["show", "mle"], ["compare", "mle", "ds"]):
        out = run_in_terminal([mlroles_exe, *args], env, tmp_path)
        assert _colour_codes(out) == [], args


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["list"], id="list"),
        pytest.param(["show", "mle", "--json"], id="show-json"),
        pytest.param(["--version"], id="version"),
        pytest.param(["--help"], id="help"),
        pytest.param(["validate"], id="validate"),
    ],
)
def test_a_full_disk_is_one_line_and_exit_74(
    mlroles_exe: str, tmp_path: Path, args: list[str]
) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [mlroles_exe, *args], stdout=full, stderr=subprocess.PIPE, cwd=tmp_path, timeout=60
        )
    assert result.returncode == ExitCode.OUTPUT_ERROR
    assert result.stderr == b"mlroles: cannot write output: No space left on device\n"


@pytest.mark.parametrize("args", [["list"], ["--version"]])
def test_a_closed_stdout_is_one_line_and_exit_74(
    mlroles_exe: str, tmp_path: Path, args: list[str]
) -> None:
    result = subprocess.run(
        [mlroles_exe, *args],
        stdout=None,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        timeout=60,
        pass_fds=(),
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == ExitCode.OUTPUT_ERROR
    assert result.stderr == b"mlroles: cannot write output: stdout is closed\n"
