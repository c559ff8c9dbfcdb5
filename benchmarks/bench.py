"""How fast `mlroles` answers, against the floor its libraries set: one Markdown table.

Run it from the repository, with the project installed in the active environment:

    python benchmarks/bench.py            # 5 interleaved runs, catalogs of 100, 1,000, 10,000 roles
    python benchmarks/bench.py --runs 9   # more runs, steadier medians
    python benchmarks/bench.py --quick    # 3 runs, 100 and 1,000 roles: a smoke run in ~30 s

Every row is timed as a whole process: the installed `mlroles` console script (what a person
runs), and for a floor `python -c "..."` with the same interpreter. Runs are interleaved
(command, floor, command, floor, ...) so that a change in the machine's load hits both sides of
a ratio alike. The table gives medians of wall-clock time, the ratio of the medians, the ratio
of the median CPU times (user + system, steadier on a busy machine), and which of the heavy
libraries (pydantic, yaml, rich) the command imported, read from one extra run under
`PYTHONPROFILEIMPORTTIME=1`. A command the CLI does not have yet is reported as "n/a".

Standard library only; POSIX only (it reads each child's peak memory with `os.wait4`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_catalog import write_catalog

HEAVY = ("pydantic", "yaml", "rich")
X = "\N{MULTIPLICATION SIGN}"
SEARCH_TERM = "kafka"
#: A word found through its stem ("Monitors", "monitoring"), so that search's stemming is timed.
STEMMED_TERM = "monitoring"

FLOOR_PYDANTIC = "import typer, yaml; from pydantic import BaseModel"
FLOOR_RICH = FLOOR_PYDANTIC + "; from rich.console import Console; from rich.table import Table"
FLOOR_TYPER = "import typer"
FLOOR_COMPLETION = "import typer, yaml"
#: What Typer 0.29 adds to every command, Tab included: it imports these from Pydantic (its
#: typer/_adapters.py) to build a TypeAdapter per parameter. pyproject.toml holds Typer below
#: 0.29 for this; the row shows the cost, the import alone (building the adapters costs more).
TYPER_029 = (
    FLOOR_COMPLETION
    + "; from pydantic import AfterValidator, BeforeValidator, Field, TypeAdapter, ValidationInfo"
)
#: The first-run floor: the startup floor and the C loader's parse of the file, in one process.
PARSE = "; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"
FLOOR_FIRST_RUN = "import sys; " + FLOOR_PYDANTIC + PARSE
PARSE_ALONE = "import sys, yaml" + PARSE
#: The targets: a read command within 10 % of its floor; --version and Tab at most theirs; a
#: warm run on the largest catalog under half a second.
FLOOR_LIMIT = 1.10
FAST_PATH_LIMIT = 1.00
WARM_LIMIT = 0.5

#: Every read command on the bundled catalog, against its floor: a JSON form against the typer +
#: yaml + pydantic floor, a table (drawn into a pipe, where Rich lays it out) against that plus
#: Rich's Console and Table. What is measured against the first floor must import no Rich
#: (`map --format svg` and `validate` draw no table).
BUNDLED: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("list-json", ("list", "--json"), FLOOR_PYDANTIC),
    ("list-table", ("list",), FLOOR_RICH),
    ("show-json", ("show", "devops", "--json"), FLOOR_PYDANTIC),
    ("show-table", ("show", "devops"), FLOOR_RICH),
    ("compare-json", ("compare", "mle", "researcher", "--json"), FLOOR_PYDANTIC),
    ("compare-table", ("compare", "mle", "researcher"), FLOOR_RICH),
    ("search-json", ("search", STEMMED_TERM, "--json"), FLOOR_PYDANTIC),
    ("search-table", ("search", STEMMED_TERM), FLOOR_RICH),
    ("match-json", ("match", "--skills", "ml=0.8,se=0.6", "--json"), FLOOR_PYDANTIC),
    ("match-table", ("match", "--skills", "ml=0.8,se=0.6"), FLOOR_RICH),
    ("map-json", ("map", "--json"), FLOOR_PYDANTIC),
    ("map-table", ("map",), FLOOR_RICH),
    ("map-svg", ("map", "--format", "svg"), FLOOR_PYDANTIC),
    ("groups-table", ("groups",), FLOOR_RICH),
    ("tools-table", ("tools",), FLOOR_RICH),
    ("path-json", ("path", "mle", "researcher", "--json"), FLOOR_PYDANTIC),
    ("path-table", ("path", "mle", "researcher"), FLOOR_RICH),
    ("hire-json", ("hire", "mle", "--json"), FLOOR_PYDANTIC),
    ("hire-table", ("hire", "mle"), FLOOR_RICH),
    ("org-list-table", ("org", "list"), FLOOR_RICH),
    ("org-show-json", ("org", "show", "embedded", "--json"), FLOOR_PYDANTIC),
    ("org-show-table", ("org", "show", "embedded"), FLOOR_RICH),
    ("org-compare-table", ("org", "compare", "embedded", "independent"), FLOOR_RICH),
    ("team-json", ("team", "--archetype", "embedded", "--json"), FLOOR_PYDANTIC),
    ("team-table", ("team", "--archetype", "embedded"), FLOOR_RICH),
    ("validate", ("validate",), FLOOR_PYDANTIC),
)

#: Variables that would change what is measured: the project's own, and interpreter switches.
DROPPED_ENV = (
    "FORCE_COLOR",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONDEVMODE",
    "PYTHONTRACEMALLOC",
    "PYTHONMALLOC",
    "PYTHONVERBOSE",
    "PYTHONWARNINGS",
    "PYTHONINSPECT",
)


@dataclass(frozen=True)
class Sample:
    """One finished process."""

    seconds: float
    cpu: float
    max_rss: int  # bytes
    exit_code: int
    stdout: bytes
    stderr: str


#: The process that starts each measured one and times it. A child's peak memory (its
#: ru_maxrss) counts the resident memory of the process it was forked from until it runs its
#: own program: forked from this benchmark, which holds large catalogs' outputs, every child
#: would seem to use that much. This launcher is small (`-I -S`: no site, no PYTHON*
#: variables of the measured environment), forks and times the child, and writes what
#: `os.wait4` says to the descriptor it is given.
LAUNCH = """
import os, sys, time
report, argv = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
code = os.waitstatus_to_exitcode(status)
os.write(report, f"{seconds!r} {cpu!r} {usage.ru_maxrss} {code}".encode())
"""


def run(argv: Sequence[str], env: dict[str, str]) -> Sample:
    """Run `argv` with stdout and stderr piped; wall time, CPU time and peak memory of the child,
    as the launcher measures them."""
    program = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0]) or argv[0]
    readable, writable = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCH, str(writable), program, *argv[1:]],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            pass_fds=(writable,),
        )
    finally:
        os.close(writable)
    out, err = proc.communicate()
    with os.fdopen(readable, "rb") as reported:
        seconds, cpu, max_rss, exit_code = reported.read().decode().split()
    # ru_maxrss is in kibibytes on Linux and in bytes on macOS.
    rss = int(max_rss) if sys.platform == "darwin" else int(max_rss) * 1024
    return Sample(
        seconds=float(seconds),
        cpu=float(cpu),
        max_rss=rss,
        exit_code=int(exit_code),
        stdout=out,
        stderr=err.decode("utf-8", "replace"),
    )


@dataclass
class Measure:
    """A process to time, with the floor it is compared with (if any)."""

    label: str
    argv: list[str]
    env: Callable[[], dict[str, str]]
    floor: list[str] | None = None
    floor_label: str = ""
    samples: list[Sample] = field(default_factory=list)
    floor_samples: list[Sample] = field(default_factory=list)
    #: Why the command is not timed: it does not exist yet, or it failed.
    skipped: str = ""
    #: The command whose imports stand for this one's: the same path on the smallest catalog,
    #: since which modules a path imports does not depend on the catalog's size.
    probe: list[str] | None = None
    imports: set[str] = field(default_factory=set)
    import_profile: list[tuple[int, str]] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    def cpu_median(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def floor_measure(self) -> Measure:
        """The floor's samples, as a measure of their own."""
        return Measure(self.floor_label, self.floor or [], self.env, samples=self.floor_samples)

    def floor_median(self) -> float:
        return self.floor_measure().median()

    def peak_rss(self) -> int:
        return max(s.max_rss for s in self.samples)


def problem_with(sample: Sample) -> str:
    """Why a warm-up run means the command cannot be timed, or "" if it ran."""
    if sample.exit_code == 2 and "no such command" in sample.stderr.lower():
        return "n/a (no such command yet)"
    if sample.exit_code != 0:
        lines = [line for line in sample.stderr.splitlines() if line.strip()]
        last = lines[-1][:80] if lines else "no message"
        return f"failed (exit {sample.exit_code}: {last})"
    return ""


def import_profile(stderr: str) -> tuple[set[str], list[tuple[int, str]]]:
    """From `-X importtime` output: the heavy packages imported, and each top-level import's
    cumulative time in microseconds, largest first."""
    heavy: set[str] = set()
    top: list[tuple[int, str]] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|", 2)
        if not cumulative.strip().isdigit():
            continue  # the header line
        module = name.strip()
        if module.split(".")[0] in HEAVY:
            heavy.add(module.split(".")[0])
        if len(name) - len(name.lstrip()) == 1:
            top.append((int(cumulative), module))
    top.sort(reverse=True)
    return heavy, top


# --- formatting ------------------------------------------------------------------------------


def secs(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def mib(value: int) -> str:
    return f"{value / 2**20:.0f} MiB"


def code(text: str) -> str:
    return f"`{text}`"


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def imports_cell(measure: Measure) -> str:
    return ", ".join(sorted(measure.imports)) or "none"


# --- the benchmark ---------------------------------------------------------------------------


@dataclass
class Setup:
    runs: int
    sizes: tuple[int, ...]
    workdir: Path
    executable: str
    mlroles: str
    base_env: dict[str, str]
    catalogs: dict[int, Path] = field(default_factory=dict)
    show_ids: dict[int, str] = field(default_factory=dict)
    #: Version 2 catalogs of the largest size: "own" groups and axes, and "extends" bundled.
    shaped: dict[str, Path] = field(default_factory=dict)
    #: Two roles of each catalog, for `path FROM TO`.
    path_ids: dict[int, tuple[str, str]] = field(default_factory=dict)
    warm_cache: Path = Path()

    @property
    def large(self) -> int:
        return self.sizes[-1]

    @property
    def medium(self) -> int:
        return self.sizes[-2]

    def warm_env(self) -> dict[str, str]:
        return {**self.base_env, "XDG_CACHE_HOME": str(self.warm_cache)}

    def cold_env(self) -> dict[str, str]:
        """A new, empty cache folder for every call."""
        fresh = tempfile.mkdtemp(prefix="cold-cache-", dir=self.workdir)
        return {**self.base_env, "XDG_CACHE_HOME": fresh}

    def python(self, code: str, *args: str) -> list[str]:
        return [self.executable, "-c", code, *args]


def picture_size(setup: Setup) -> int:
    """The catalog the pictures are timed on: 1,000 roles (or the largest there is)."""
    return 1000 if 1000 in setup.catalogs else setup.large


def later_commands(setup: Setup, size: int) -> list[tuple[str, list[str]]]:
    data = ["--data", str(setup.catalogs[size])]
    return [
        ("list --json", [*data, "list", "--json"]),
        ("show", [*data, "show", setup.show_ids[size]]),
        (f"search {SEARCH_TERM} --json", [*data, "search", SEARCH_TERM, "--json"]),
        (f"search {STEMMED_TERM}", [*data, "search", STEMMED_TERM]),
        ("path FROM TO", [*data, "path", *setup.path_ids[size]]),
        ("validate", [*data, "validate"]),
        ("groups --json", [*data, "groups", "--json"]),
        ("tools --json", [*data, "tools", "--json"]),
    ]


def build_measures(setup: Setup) -> dict[str, Measure]:
    mlroles, python = setup.mlroles, setup.python
    large = setup.catalogs[setup.large]

    def completion_env() -> dict[str, str]:
        return {
            **setup.warm_env(),
            "_MLROLES_COMPLETE": "complete_bash",
            "COMP_WORDS": "mlroles show d",
            "COMP_CWORD": "2",
        }

    measures: dict[str, Measure] = {}
    for key, words, floor in BUNDLED:
        shown = code(f"mlroles {' '.join(words)}")
        against = f'`python -c "{floor}"`'
        if floor == FLOOR_RICH:
            shown += ", piped"
            against = "the same plus Rich's `Console` and `Table`"
        measures[key] = Measure(shown, [mlroles, *words], setup.warm_env, python(floor), against)
    measures |= {
        "version": Measure(
            "`mlroles --version`",
            [mlroles, "--version"],
            setup.warm_env,
            python(FLOOR_TYPER),
            f'`python -c "{FLOOR_TYPER}"`',
        ),
        "help": Measure(
            "`mlroles help show`",
            [mlroles, "help", "show"],
            setup.warm_env,
            python(FLOOR_TYPER),
            f'`python -c "{FLOOR_TYPER}"`',
        ),
        "completion": Measure(
            "`mlroles show d` + Tab, completing a role name",
            [mlroles],
            completion_env,
            python(FLOOR_COMPLETION),
            f'`python -c "{FLOOR_COMPLETION}"`',
        ),
        "first-run": Measure(
            f"`mlroles validate`, first run on a new {setup.large:,}-role catalog (empty cache)",
            [mlroles, "--data", str(large), "validate"],
            setup.cold_env,
            python(FLOOR_FIRST_RUN, str(large)),
            "startup floor + PyYAML's C safe loader parsing the same file, in one process:"
            f' `python -c "{FLOOR_PYDANTIC}; yaml.load(f, Loader=yaml.CSafeLoader)"`',
            probe=[mlroles, "--data", str(setup.catalogs[setup.sizes[0]]), "validate"],
        ),
        "typer-029": Measure(
            "Tab with Typer 0.29, at least: the completion floor plus the Pydantic import it adds",
            python(TYPER_029),
            setup.warm_env,
            python(FLOOR_COMPLETION),
            f'`python -c "{FLOOR_COMPLETION}"`',
        ),
        "parse-alone": Measure(
            "PyYAML's C safe loader alone",
            python(PARSE_ALONE, str(large)),
            setup.warm_env,
            python("import yaml"),
            'python -c "import yaml"',
        ),
    }
    for shape, path in setup.shaped.items():
        data = ["--data", str(path)]
        for name, argv in (
            ("list --json", [*data, "list", "--json"]),
            ("show", [*data, "show", setup.show_ids[setup.large]]),
        ):
            measures[f"shape:{shape}:{name}"] = Measure(
                f"`mlroles {name}`, {setup.large:,} roles, {SHAPE_WORDS[shape]}, warm cache",
                [mlroles, *argv],
                setup.warm_env,
            )
    # The pictures: the chart and the whole handbook on 1,000 roles, each against a text
    # command on the same file.
    big = ["--data", str(setup.catalogs[picture_size(setup)])]
    for name, argv, base in (
        ("map-svg-big", ["map", "--format", "svg"], ["map"]),
        ("export-big", ["export"], ["list", "--json"]),
    ):
        measures[name] = Measure(
            f"`mlroles {' '.join(argv)}`, {picture_size(setup):,} roles, warm cache",
            [mlroles, *big, *argv],
            setup.warm_env,
            [mlroles, *big, *base],
            f"`mlroles {' '.join(base)}` on the same catalog",
            probe=[mlroles, *argv],
        )
    smallest = later_commands(setup, setup.sizes[0])
    for size in setup.sizes:
        for (name, argv), (_, probe) in zip(later_commands(setup, size), smallest, strict=True):
            measures[f"later:{name}:{size}"] = Measure(
                f"`mlroles {name}`, {size:,} roles, warm cache",
                [mlroles, *argv],
                setup.warm_env,
                probe=[mlroles, *probe],
            )
    return measures


def profile_imports(measure: Measure) -> None:
    """Which heavy libraries the command imports: one untimed run under -X importtime."""
    env = {**measure.env(), "PYTHONPROFILEIMPORTTIME": "1"}
    sample = run(measure.probe or measure.argv, env)
    measure.imports, measure.import_profile = import_profile(sample.stderr)


def benchmark(setup: Setup, progress: Callable[[str], None]) -> dict[str, Measure]:
    measures = build_measures(setup)
    progress("warming up (one untimed run of each command and floor) ...")
    for key, measure in measures.items():
        first = run(measure.argv, measure.env())
        measure.skipped = problem_with(first)
        if measure.floor:
            floor = run(measure.floor, setup.warm_env())
            if floor.exit_code != 0:
                raise SystemExit(f"the floor for {measure.label} failed: {floor.stderr.strip()}")
        if not measure.skipped and key != "parse-alone":
            profile_imports(measure)
    timed = [m for m in measures.values() if not m.skipped]
    for index in range(setup.runs):
        progress(f"run {index + 1} of {setup.runs} ...")
        for measure in timed:
            measure.samples.append(run(measure.argv, measure.env()))
            if measure.floor:
                measure.floor_samples.append(run(measure.floor, setup.warm_env()))
    return measures


# --- the report ------------------------------------------------------------------------------

HEADER = (
    "| what | measured against | median | against (median) | ratio | CPU ratio | target | met "
    "| imports pydantic / yaml / rich |"
)
RULE = "|---|---|---:|---:|---:|---:|---|---|---|"


def table_row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


@dataclass(frozen=True)
class Timing:
    """The figures of one row: medians, their ratios, whether the target is met, imports."""

    median: float
    against: float
    ratio: float
    cpu_ratio: float
    ok: bool
    imports: str

    @classmethod
    def compare(cls, measured: Measure, base: Measure, ok: Callable[[float], bool]) -> Timing:
        """`measured` against `base`; `ok` judges the ratio of the medians."""
        ratio = measured.median() / base.median()
        return cls(
            measured.median(),
            base.median(),
            ratio,
            measured.cpu_median() / base.cpu_median(),
            ok(ratio),
            imports_cell(measured),
        )


def result_row(what: str, against: str, target: str, timing: Timing | str) -> str:
    """A row of the table: the measured figures, or why there are none ("n/a ...")."""
    if isinstance(timing, str):
        return table_row(what, against, timing, "", "", "", target, "n/a", "")
    ratio_format = ".2f" if timing.ratio < 10 else ".1f"
    return table_row(
        what,
        against,
        secs(timing.median),
        secs(timing.against),
        f"{timing.ratio:{ratio_format}}{X}",
        f"{timing.cpu_ratio:{ratio_format}}{X}",
        target,
        verdict(timing.ok),
        timing.imports,
    )


def floor_row(measure: Measure, limit: float, forbidden: tuple[str, ...] = ()) -> str:
    target = f"≤ {limit:.2f}{X}"
    if forbidden:
        target += ", imports none of " + "/".join(forbidden)
    timing: Timing | str = measure.skipped
    if not measure.skipped:
        clean = not measure.imports & set(forbidden)
        timing = Timing.compare(measure, measure.floor_measure(), lambda r: r <= limit and clean)
    return result_row(measure.label, measure.floor_label, target, timing)


def cost_row(measure: Measure, why: str) -> str:
    """A row with no target: what a change would cost (here, why a bound stays)."""
    if measure.skipped:
        return result_row(measure.label, measure.floor_label, why, measure.skipped)
    timing = Timing.compare(measure, measure.floor_measure(), lambda r: True)
    row = result_row(measure.label, measure.floor_label, why, timing)
    return row.replace("| yes |", "| n/a |")


def later_row(setup: Setup, measures: dict[str, Measure], name: str) -> str:
    big = measures[f"later:{name}:{setup.large}"]
    mid = measures[f"later:{name}:{setup.medium}"]
    what = code(f"mlroles {name}") + f", {setup.large:,} roles, warm cache"
    against = f"the same on {setup.medium:,} roles"
    target = f"≤ {WARM_LIMIT} s; ≤ 12{X} the smaller"
    timing: Timing | str = big.skipped or mid.skipped
    if not timing:
        timing = Timing.compare(big, mid, lambda r: big.median() <= WARM_LIMIT and r <= 12)
    return result_row(what, against, target, timing)


#: How the rows name the version 2 catalogs.
SHAPE_WORDS = {
    "own": "version 2 with its own groups and skill axes",
    "extends": "version 2 extending the bundled catalog",
}


def shape_row(setup: Setup, measures: dict[str, Measure], shape: str, name: str) -> str:
    """A version 2 catalog against the version 1 catalog of the same size: under 1 s warm."""
    measured = measures[f"shape:{shape}:{name}"]
    base = measures[f"later:{name}:{setup.large}"]
    what = code(f"mlroles {name}") + f", {setup.large:,} roles, {SHAPE_WORDS[shape]}, warm cache"
    against = "the same on the version 1 catalog of as many roles"
    timing: Timing | str = measured.skipped or base.skipped
    if not timing:
        timing = Timing.compare(measured, base, lambda r: measured.median() <= WARM_LIMIT)
    return result_row(what, against, f"≤ {WARM_LIMIT} s", timing)


def picture_row(measure: Measure, limit: float) -> str:
    """A picture on a large catalog: under `limit` seconds, whatever the text command takes."""
    timing: Timing | str = measure.skipped
    if not measure.skipped:
        timing = Timing.compare(
            measure, measure.floor_measure(), lambda _: measure.median() <= limit
        )
    return result_row(measure.label, measure.floor_label, f"≤ {limit:.1f} s", timing)


def memory_row(setup: Setup, measures: dict[str, Measure]) -> str:
    """The largest peak memory of the later (warm cache) runs on the largest catalog."""
    later = [
        m
        for key, m in measures.items()
        if key.startswith("later:") and key.endswith(f":{setup.large}") and not m.skipped
    ]
    what = f"peak memory (max RSS) of the later runs on {setup.large:,} roles"
    if not later:
        return table_row(what, "", "n/a", "", "", "", "≤ 300 MiB", "n/a", "")
    worst = max(later, key=Measure.peak_rss)
    peak = worst.peak_rss()
    used = f"{mib(peak)} ({worst.label.split(',')[0]})"
    return table_row(what, "", used, "", "", "", "≤ 300 MiB", verdict(peak <= 300 * 2**20), "")


def report(setup: Setup, measures: dict[str, Measure], load: tuple[float, float]) -> str:
    names = [name for name, _ in later_commands(setup, setup.large)]
    rows = [
        HEADER,
        RULE,
        *(
            floor_row(measures[key], FLOOR_LIMIT, ("rich",) if floor == FLOOR_PYDANTIC else ())
            for key, _, floor in BUNDLED
        ),
        floor_row(measures["version"], FAST_PATH_LIMIT, HEAVY),
        floor_row(measures["help"], FAST_PATH_LIMIT, HEAVY),
        floor_row(measures["completion"], FAST_PATH_LIMIT, ("pydantic",)),
        picture_row(measures["map-svg-big"], 2.0),
        picture_row(measures["export-big"], 2.0),
        cost_row(measures["typer-029"], "none: the reason for `typer<0.29`"),
        floor_row(measures["first-run"], FLOOR_LIMIT),
        *(later_row(setup, measures, name) for name in names),
        *(
            shape_row(setup, measures, shape, name)
            for shape in setup.shaped
            for name in ("list --json", "show")
        ),
        memory_row(setup, measures),
    ]
    version = run([setup.mlroles, "--version"], setup.base_env).stdout.decode().strip()
    lines = [
        f"{version}, Python {platform.python_version()}, {platform.system()}"
        f" {platform.machine()}, {os.cpu_count()} CPUs; medians of {setup.runs} interleaved"
        f" run{'s' if setup.runs > 1 else ''};"
        f" load average {load[0]:.1f} at the start, {load[1]:.1f} at the end.",
        "",
        *rows,
        "",
    ]
    lines.append(
        "- First-run floor: one process that imports typer, yaml and pydantic's `BaseModel`, then"
        " parses the catalog with `yaml.load(f, Loader=yaml.CSafeLoader)`: the startup floor plus"
        " the C loader's parse, measured together so that the ratio does not rest on a difference"
        " of two medians."
    )
    parse = measures["parse-alone"]
    if not parse.skipped and parse.samples:
        lines.append(
            f"- The C safe loader alone parses the {setup.large:,}-role catalog"
            f" ({setup.catalogs[setup.large].stat().st_size / 1e6:.1f} MB) in"
            f" {secs(parse.median() - parse.floor_median())}"
            f" ({secs(parse.median())} for the process, {secs(parse.floor_median())} for"
            f' `python -c "import yaml"`), peak memory {mib(parse.peak_rss())}.'
        )
    first = measures["first-run"]
    if not first.skipped and first.samples:
        lines.append(
            f"- Peak memory of the first run (empty cache) on {setup.large:,} roles:"
            f" {mib(first.peak_rss())}."
        )
    for name in names:
        by_size = [measures[f"later:{name}:{size}"] for size in setup.sizes]
        if all(not m.skipped for m in by_size):
            steps = ", ".join(
                f"{size:,} → {secs(m.median())} (CPU {secs(m.cpu_median())})"
                for size, m in zip(setup.sizes, by_size, strict=True)
            )
            lines.append(
                f"- `mlroles {name}` by catalog size (roles → median wall time, and CPU): {steps}."
            )
    completion = measures["completion"]
    if not completion.skipped and completion.samples:
        offered = completion.samples[0].stdout.decode().split()
        lines.append(
            f"- Completion offered {len(offered)} candidate(s) for `mlroles show d`"
            + (": " + ", ".join(offered[:8]) if offered else "")
            + "."
        )
    return "\n".join(lines) + "\n"


def import_report(setup: Setup, measures: dict[str, Measure], top: int) -> str:
    """The slowest top-level imports of every command in the table, from its importtime run."""
    lines = [
        "",
        "Slowest top-level imports, cumulative, from `-X importtime` (runs on a synthetic catalog"
        f" use the {setup.sizes[0]:,}-role one here):",
        "",
    ]
    for key, measure in measures.items():
        in_table = not key.startswith("later:") or key.endswith(f":{setup.large}")
        if measure.import_profile and in_table:
            slowest = measure.import_profile[:top]
            parts = ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in slowest)
            lines.append(f"- {measure.label}: {parts}")
    return "\n".join(lines) + "\n"


def find_mlroles() -> str:
    """The console script beside this interpreter (the environment being measured), else PATH."""
    beside = Path(sys.executable).parent / "mlroles"
    if beside.is_file():
        return str(beside)
    found = shutil.which("mlroles")
    if found is None:
        raise SystemExit("bench: no `mlroles` command; install the project first: pip install -e .")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, help="timed runs of every command (default 5; 3 quick)")
    parser.add_argument(
        "--quick", action="store_true", help="catalogs of 100 and 1,000 roles only, 3 runs"
    )
    parser.add_argument(
        "--imports",
        type=int,
        metavar="N",
        default=0,
        help="also list the N slowest top-level imports of every command",
    )
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (3 if args.quick else 5)
    if runs < 1:
        parser.error("--runs must be at least 1")
    sizes = (100, 1_000) if args.quick else (100, 1_000, 10_000)

    def progress(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    base_env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("MLROLES_") and name not in DROPPED_ENV
    }
    with tempfile.TemporaryDirectory(prefix="mlroles-bench-") as tmp:
        setup = Setup(runs, sizes, Path(tmp), sys.executable, find_mlroles(), base_env)
        setup.warm_cache = setup.workdir / "warm-cache"
        setup.warm_cache.mkdir()
        for size in sizes:
            progress(f"writing a catalog of {size:,} roles ...")
            path = setup.workdir / f"roles-{size}.yaml"
            roles = write_catalog(path, size)
            setup.catalogs[size] = path
            setup.show_ids[size] = roles[size // 2]["id"]
            setup.path_ids[size] = (roles[size // 3]["id"], roles[size // 2]["id"])
        for shape in SHAPE_WORDS:
            progress(f"writing a catalog of {setup.large:,} roles, {SHAPE_WORDS[shape]} ...")
            path = setup.workdir / f"roles-{setup.large}-{shape}.yaml"
            write_catalog(path, setup.large, shape=shape)
            setup.shaped[shape] = path
        start_load = os.getloadavg()[0]
        measures = benchmark(setup, progress)
        end_load = os.getloadavg()[0]
        out = report(setup, measures, (start_load, end_load))
        if args.imports:
            out += import_report(setup, measures, args.imports)
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
