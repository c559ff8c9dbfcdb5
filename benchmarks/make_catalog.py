"""Synthetic, valid catalogs of any size, for the benchmark (standard library only).

Every catalog follows the format of `data/roles.yaml` (version 1): unique slug ids, aliases that
are unique and never another role's id, every field filled with text of a realistic length,
skills between 0 and 1, groups from the three allowed, `works_with` references that resolve, and
sources with URLs. The same `n` and `seed` always give the same file, byte for byte; a
10,000-role catalog is about 6 MB.

Two more shapes, in format version 2: `--own` declares hiring groups and skill axes of its own
(four axes, three groups, none of them the course's), and `--extends` is a file that extends the
bundled catalog with `n` roles of its own (on the bundled catalog's groups and axes).

As a script:

    python benchmarks/make_catalog.py 10000 -o /tmp/roles-10000.yaml
    python benchmarks/make_catalog.py 10000 --own -o /tmp/own-10000.yaml
    python benchmarks/make_catalog.py 10000 --extends -o /tmp/extends-10000.yaml

As a library: `make_roles(n, seed)` gives the roles as plain data, `to_yaml(roles)` the file's
text, and `write_catalog(path, n, seed, shape)` writes it and returns the roles.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

DEFAULT_SEED = 20240601
GROUPS = ("ml-adjacent", "core-ml", "business-analytics")

DOMAINS = (
    "fraud", "search", "ads", "vision", "speech", "nlp", "recsys", "pricing", "risk", "health",
    "genomics", "robotics", "logistics", "retail", "payments", "security", "maps", "music",
    "video", "chat", "forecasting", "supply-chain", "marketing", "growth", "ranking",
    "translation", "ocr", "autonomy", "energy", "climate", "insurance", "credit", "trading",
    "gaming", "education", "legal", "people", "devices", "sensors", "support",
)  # fmt: skip
SPECIALTIES = (
    "data", "ml", "platform", "analytics", "research", "infra", "evaluation",
    "labeling", "feature", "model", "inference", "training", "quality", "reliability",
    "privacy", "experiments", "dataviz", "annotation", "pipeline", "deployment",
    "monitoring", "applied", "product", "prompt", "metrics",
)  # fmt: skip
#: Job nouns, each with its abbreviation (for aliases) and the group it usually hires into.
NOUNS = {
    "engineer": ("eng", "ml-adjacent"),
    "scientist": ("sci", "core-ml"),
    "analyst": ("ana", "business-analytics"),
    "manager": ("mgr", "ml-adjacent"),
    "lead": ("ld", "core-ml"),
    "architect": ("arch", "ml-adjacent"),
    "specialist": ("spec", "business-analytics"),
    "researcher": ("res", "core-ml"),
    "developer": ("dev", "ml-adjacent"),
    "consultant": ("cons", "business-analytics"),
    "operator": ("ops", "ml-adjacent"),
    "strategist": ("strat", "business-analytics"),
}
#: How a slug word is written in a title.
DISPLAY = {"ml": "ML", "nlp": "NLP", "ocr": "OCR", "recsys": "RecSys", "ads": "Ads"}

TOOLS = (
    "Python", "SQL", "Spark", "Kafka", "Airflow", "Docker", "Kubernetes", "Terraform", "AWS",
    "GCP", "Azure", "PyTorch", "TensorFlow", "JAX", "scikit-learn", "Pandas", "Polars", "Jupyter",
    "dbt", "Snowflake", "BigQuery", "Redshift", "Looker", "Tableau", "Excel", "MLflow",
    "Weights and Biases", "Ray", "Dask", "Hadoop", "Flink", "Postgres", "Redis", "Elasticsearch",
    "Grafana", "Prometheus", "Jira", "Figma", "Label Studio", "Great Expectations", "Feast",
    "Triton", "ONNX", "FastAPI", "Git", "GitHub Actions", "Jenkins", "Argo", "Kubeflow",
    "SageMaker", "Vertex AI", "Databricks", "Hugging Face", "LangChain", "OpenCV", "R", "Stata",
    "Go", "Rust", "Java",
)  # fmt: skip
VERBS = (
    "Builds", "Designs", "Owns", "Runs", "Maintains", "Improves", "Evaluates", "Plans",
    "Ships", "Monitors", "Scales", "Audits",
)  # fmt: skip
OBJECTS = (
    "the data pipelines", "the training jobs", "the serving stack", "the feature store",
    "the labelling workflow", "the evaluation suite", "the experiment platform",
    "the model registry", "the dashboards", "the batch scoring jobs", "the online models",
    "the data contracts", "the metrics layer", "the annotation guidelines",
)  # fmt: skip
CLAUSES = (
    "so that models reach production safely",
    "and keeps them reliable as traffic grows",
    "working closely with product and engineering",
    "and reports what changed and why to the business",
    "turning raw events into decisions people can trust",
    "with an eye on cost, latency and fairness",
    "and makes the next experiment cheaper to run",
)  # fmt: skip
DUTIES = (
    "Write and review design docs",
    "Keep training data fresh and versioned",
    "Deploy models behind a monitored API",
    "Define the metrics for each launch",
    "Run experiments and write them up",
    "Triage data quality alerts",
    "Plan the roadmap with product",
    "Tune pipelines for cost and latency",
    "Review labelling quality",
    "Mentor newer members of the team",
    "Answer business questions with data",
    "Automate retraining and rollback",
)  # fmt: skip
PRODUCTS = (
    "Design docs", "Dashboards", "Data pipelines", "Trained models", "Experiment reports",
    "Labelled datasets", "Deployed services", "Runbooks", "Evaluation reports", "Roadmaps",
    "Feature definitions", "Alerting rules",
)  # fmt: skip
ORIGINS = (
    "A software engineer who learned ML on the job",
    "A statistics or physics graduate",
    "Comes from analytics, with strong SQL",
    "An MS or PhD in computer science",
    "A former product manager with a technical degree",
    "Comes from infrastructure or site reliability work",
)  # fmt: skip
SOURCES = (
    "Team handbook", "Hiring rubric", "Career ladder", "Org chart notes", "Job description",
)  # fmt: skip
NOTES = (
    "Estimated, not measured.",
    "From the skills survey.",
    "Read off the job ad.",
)  # fmt: skip


def make_roles(n: int, seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """`n` valid roles as plain data, with the keys of the catalog file in its order."""
    if n < 1:
        raise ValueError("a catalog needs at least one role")
    rng = random.Random(seed)
    combos = list(itertools.product(DOMAINS, SPECIALTIES, NOUNS))
    rng.shuffle(combos)
    picked = [(*combos[i % len(combos)], i // len(combos)) for i in range(n)]
    ids = [_slug(domain, specialty, noun, round_) for domain, specialty, noun, round_ in picked]
    taken = set(ids)
    roles = []
    for index, (domain, specialty, noun, round_) in enumerate(picked):
        role_id = ids[index]
        abbreviation, usual_group = NOUNS[noun]
        aliases = []
        for candidate in (
            _slug(domain, specialty, abbreviation, round_),
            _slug(specialty, noun, domain, round_),
        )[: 1 if rng.random() < 0.7 else 2]:
            if candidate not in taken:
                taken.add(candidate)
                aliases.append(candidate)
        others = [i for i in rng.sample(range(n), min(n, 5)) if i != index][: rng.randint(1, 3)]
        title = " ".join(_display(word) for word in f"{domain}-{specialty}-{noun}".split("-"))
        if round_:
            title += f" {round_ + 1}"
        roles.append(
            {
                "id": role_id,
                "title": title,
                "aliases": aliases,
                "summary": (
                    f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} of the"
                    f" {domain.replace('-', ' ')} team"
                    + (f", {rng.choice(CLAUSES)}." if rng.random() < 0.3 else ".")
                ),
                "responsibilities": rng.sample(DUTIES, rng.choice((1, 1, 2, 2))),
                "work_product": rng.sample(PRODUCTS, rng.randint(1, 2)),
                "tools": rng.sample(TOOLS, rng.randint(1, 4)),
                "background": f"{rng.choice(ORIGINS)}.",
                "skills": {
                    "machine_learning": round(rng.random(), 2),
                    "software_engineering": round(rng.random(), 2),
                    "communication": round(rng.random(), 2),
                },
                "group": usual_group if rng.random() < 0.8 else rng.choice(GROUPS),
                "works_with": [ids[i] for i in others],
                "sources": [
                    {
                        "title": rng.choice(SOURCES),
                        "url": f"https://example.com/teams/{domain}",
                    }
                ],
                "inferred": {"skills": rng.choice(NOTES)},
            }
        )
    return roles


def _slug(a: str, b: str, c: str, round_: int) -> str:
    return f"{a}-{b}-{c}" + (f"-{round_ + 1}" if round_ else "")


def _display(word: str) -> str:
    return DISPLAY.get(word, word.capitalize())


# --- writing YAML by hand, in the style of data/roles.yaml ------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/-]*")
_PLAIN_IN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9 .()'/-]*")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
_WIDTH = 96


def _scalar(text: str, flow: bool = False) -> str:
    """`text` plain when YAML reads it back as the same string, else double-quoted."""
    pattern = _PLAIN_IN_FLOW if flow else _PLAIN
    if pattern.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_scalar(item, flow=True) for item in items) + "]"


def _folded(key: str, text: str, indent: int) -> list[str]:
    """`key: text` on one line when it fits, else a `>-` block wrapped to the page width."""
    pad = " " * indent
    line = f"{pad}{key}: {_scalar(text)}"
    if len(line) <= _WIDTH:
        return [line]
    body = textwrap.wrap(text, _WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {part}" for part in body)]


def to_yaml(roles: list[dict[str, Any]], header: str = "") -> str:
    """The catalog file for `roles`, laid out like `data/roles.yaml`."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += ["version: 1", "roles:"]
    for role in roles:
        skills = ", ".join(f"{name}: {value:.2f}" for name, value in role["skills"].items())
        lines += [
            f"  - id: {role['id']}",
            f"    title: {_scalar(role['title'])}",
            f"    aliases: {_flow(role['aliases'])}",
            *_folded("summary", role["summary"], 4),
            "    responsibilities:",
            *(f"      - {_scalar(duty)}" for duty in role["responsibilities"]),
            f"    work_product: {_flow(role['work_product'])}",
            f"    tools: {_flow(role['tools'])}",
            *_folded("background", role["background"], 4),
            f"    skills: {{{skills}}}",
            f"    group: {role['group']}",
            f"    works_with: {_flow(role['works_with'])}",
            "    sources:",
        ]
        for source in role["sources"]:
            lines += [
                f"      - title: {_scalar(source['title'])}",
                f"        url: {source['url']}",
            ]
        lines.append("    inferred:")
        for field, note in role["inferred"].items():
            lines += _folded(field, note, 6)
        lines.append("")
    return "\n".join(lines)


#: The groups and skill axes of an `--own` catalog: a company's own, not the course's.
OWN_GROUPS = {
    "ml-adjacent": ("platform", "Platform", "The people who build what the models run on."),
    "core-ml": ("modelling", "Modelling", "The people whose main work is the models."),
    "business-analytics": ("insight", "Insight", "The people who answer business questions."),
}
OWN_SKILLS = (
    ("statistics", "Statistics", ["stats"], "From none (0) to expert (1)."),
    ("systems", "Systems", ["sys"], "From none (0) to building large systems (1)."),
    ("writing", "Writing", [], "From little (0) to a great deal (1)."),
    ("product", "Product sense", [], "From little (0) to a great deal (1)."),
)


def own_roles(roles: list[dict[str, Any]], seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """`roles` on the `--own` groups and axes: levels on four axes, the groups renamed."""
    rng = random.Random(seed + 1)
    axes = [axis for axis, *_ in OWN_SKILLS]
    owned = []
    for role in roles:
        levels = [*role["skills"].values(), round(rng.random(), 2)]
        owned.append(
            {
                **role,
                "skills": dict(zip(axes, levels, strict=True)),
                "group": OWN_GROUPS[role["group"]][0],
            }
        )
    return owned


def to_yaml_v2(roles: list[dict[str, Any]], header: str = "", shape: str = "own") -> str:
    """A version 2 file for `roles`: with its own groups and axes, or extending the bundled."""
    body = to_yaml(roles, header).replace("version: 1\nroles:", "roles:", 1)
    start, _, rest = body.partition("roles:\n")
    if shape == "extends":
        return f"{start}version: 2\nextends: bundled\nroles:\n{rest}"
    lines = [start + "version: 2", "groups:"]
    for group_id, title, summary in OWN_GROUPS.values():
        lines.append(f"  - {{id: {group_id}, title: {title}, summary: {summary}}}")
    lines.append("skills:")
    for skill_id, title, aliases, summary in OWN_SKILLS:
        lines.append(
            f"  - {{id: {skill_id}, title: {title}, aliases: {_flow(aliases)},"
            f" summary: {json.dumps(summary)}}}"
        )
    return "\n".join(lines) + "\nroles:\n" + rest


def _header(n: int, seed: int, shape: str = "v1") -> str:
    option = {"v1": "", "own": " --own", "extends": " --extends"}[shape]
    return (
        f"A synthetic catalog of {n} roles for benchmarking mlroles.\n"
        f"Made by benchmarks/make_catalog.py {n}{option} --seed {seed}; the same command remakes"
        " it."
    )


#: The shapes a catalog can take: version 1; version 2 with its own groups and axes; version 2
#: extending the bundled catalog.
SHAPES = ("v1", "own", "extends")


def catalog_text(n: int, seed: int = DEFAULT_SEED, shape: str = "v1") -> tuple[str, list[Any]]:
    """The file's text for `n` roles of `shape`, and its roles."""
    roles = make_roles(n, seed)
    header = _header(n, seed, shape)
    if shape == "v1":
        return to_yaml(roles, header), roles
    if shape == "own":
        roles = own_roles(roles, seed)
    return to_yaml_v2(roles, header, shape), roles


def write_catalog(
    path: Path, n: int, seed: int = DEFAULT_SEED, shape: str = "v1"
) -> list[dict[str, Any]]:
    """Write a catalog of `n` roles of `shape` to `path` and return its roles."""
    text, roles = catalog_text(n, seed, shape)
    path.write_text(text, encoding="utf-8")
    return roles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic, valid mlroles catalog.")
    parser.add_argument("roles", type=int, help="how many roles (e.g. 100, 1000, 10000)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument(
        "--own", action="store_true", help="version 2, with its own groups and skill axes"
    )
    shape.add_argument(
        "--extends", action="store_true", help="version 2, extending the bundled catalog"
    )
    args = parser.parse_args(argv)
    if args.roles < 1:
        parser.error("the number of roles must be at least 1")
    chosen = "own" if args.own else "extends" if args.extends else "v1"
    if args.output is None:
        sys.stdout.write(catalog_text(args.roles, args.seed, chosen)[0])
    else:
        write_catalog(args.output, args.roles, args.seed, chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
