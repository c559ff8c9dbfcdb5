"""The pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself.

pre-commit installs the hook from a clean clone of this repository's HEAD into an environment of
its own (from PyPI, as for any user), then runs it in a scratch repository that holds a valid
catalog, an invalid one and a YAML file that is not a catalog. What is not committed is not in
the clone: commit before running this module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mlroles.catalog.load import bundled_path

ROOT = Path(__file__).resolve().parent.parent
HOOK = "mlroles-validate"
BUNDLED = bundled_path().read_text(encoding="utf-8")
BROKEN = BUNDLED.replace("communication: 0.88", "communication: 8.8", 1)

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and a git checkout of the project",
)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


@pytest.fixture(scope="session")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean clone of the project's HEAD: what a user's pre-commit would fetch."""
    target = tmp_path_factory.mktemp("hook-source") / "mlroles"
    git("clone", "--quiet", "--no-local", str(ROOT), str(target), cwd=ROOT)
    return target


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's own folder, shared by this module's tests so that it installs once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def catalog_repo(tmp_path: Path) -> Path:
    """A catalog repository: two catalogs under catalogs/, a team.yaml, and a YAML file that
    is no catalog (the hook must leave it alone)."""
    repo = tmp_path / "catalog-repo"
    (repo / "catalogs").mkdir(parents=True)
    (repo / "catalogs" / "roles.yaml").write_text(BUNDLED, encoding="utf-8")
    (repo / "catalogs" / "broken-roles.yaml").write_text(BROKEN, encoding="utf-8")
    (repo / "team.yaml").write_text(BUNDLED, encoding="utf-8")
    (repo / "notes.yaml").write_text("meeting: monday\n", encoding="utf-8")
    git("init", "--quiet", cwd=repo)
    git("add", ".", cwd=repo)
    return repo


def pre_commit(home: Path, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MLROLES_", "PRE_COMMIT"))
    }
    env["PRE_COMMIT_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def test_the_manifest_declares_one_hook_that_runs_validate_on_the_files_given() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == HOOK
    assert hook["entry"] == "mlroles validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert "yaml" in hook["types"]


def test_try_repo_fails_on_the_invalid_catalog_and_skips_what_is_not_one(
    clone: Path, pre_commit_home: Path, catalog_repo: Path
) -> None:
    done = pre_commit(pre_commit_home, catalog_repo, "try-repo", str(clone), HOOK, "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "- exit code: 3" in output
    line = next(n for n, text in enumerate(BROKEN.splitlines(), 1) if "8.8" in text)
    assert f"catalogs/broken-roles.yaml:{line}:" in output
    assert "should be at most 1 (got 8.8)" in output
    assert "catalogs/roles.yaml: valid catalog, 6 roles" in output
    assert "notes.yaml" not in output


def test_try_repo_passes_on_a_valid_catalog(
    clone: Path, pre_commit_home: Path, catalog_repo: Path
) -> None:
    done = pre_commit(
        pre_commit_home,
        catalog_repo,
        "try-repo",
        str(clone),
        HOOK,
        "--files",
        "catalogs/roles.yaml",
        "notes.yaml",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "mlroles validate" in done.stdout and "Passed" in done.stdout


def test_a_config_picks_the_catalog_files(
    clone: Path, pre_commit_home: Path, catalog_repo: Path
) -> None:
    config = {
        "repos": [
            {
                "repo": str(clone),
                "rev": git("rev-parse", "HEAD", cwd=clone),
                "hooks": [{"id": HOOK, "files": r"^team\.yaml$"}],
            }
        ]
    }
    (catalog_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    git("add", ".pre-commit-config.yaml", cwd=catalog_repo)

    done = pre_commit(pre_commit_home, catalog_repo, "run", "--all-files", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "team.yaml: valid catalog, 6 roles" in done.stdout
    assert "broken-roles.yaml" not in done.stdout  # not one of the files picked

    (catalog_repo / "team.yaml").write_text(BROKEN, encoding="utf-8")
    git("add", "team.yaml", cwd=catalog_repo)
    done = pre_commit(pre_commit_home, catalog_repo, "run", "--all-files")
    assert done.returncode == 1
    assert "team.yaml:" in done.stdout and "(got 8.8)" in done.stdout
