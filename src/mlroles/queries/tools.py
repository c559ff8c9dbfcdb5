"""Tool names as people type them: one key per tool, whatever the case or the spelling.

`tool_key("sklearn") == tool_key("Scikit-Learn")`: names are compared case-insensitively, without
spaces, hyphens, underscores or dots, and through a small table of common other spellings. The
table only says which spellings name the same tool; a catalog spells its tools as it likes.
"""

from __future__ import annotations

import re

#: Each tool's usual name, then the other spellings people use for it.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "scikit-learn": ("sklearn", "scikit"),
    "TensorFlow": ("tf", "tf2", "tensorflow 2"),
    "PyTorch": ("torch",),
    "Kubernetes": ("k8s", "kube"),
    "Jupyter": (
        "Jupyter notebook",
        "Jupyter notebooks",
        "JupyterLab",
        "IPython notebook",
        "ipynb",
    ),
    "AWS": ("Amazon Web Services",),
    "GCP": ("Google Cloud", "Google Cloud Platform"),
    "Azure": ("Microsoft Azure",),
    "Excel": ("Microsoft Excel", "MS Excel"),
    "PostgreSQL": ("Postgres", "psql"),
    "Kafka": ("Apache Kafka",),
    "Airflow": ("Apache Airflow",),
    "Hadoop": ("Apache Hadoop",),
    "Spark": ("Apache Spark", "PySpark"),
    "Jira": ("Atlassian Jira",),
    "Hugging Face": ("HF",),
}

_IGNORED = re.compile(r"[\s\-_.]+")


def normalize(name: str) -> str:
    """Lower case, no spaces, hyphens, underscores or dots: `"Scikit-Learn"` -> `"scikitlearn"`."""
    return _IGNORED.sub("", name.lower())


def _build() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    keys: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for usual, others in SPELLINGS.items():
        key = normalize(usual)
        names = (usual, *others)
        groups[key] = names
        for name in names:
            keys[normalize(name)] = key
    return keys, groups


_KEYS, _GROUPS = _build()


def tool_key(name: str) -> str:
    """The key that every spelling of the same tool shares."""
    plain = normalize(name)
    return _KEYS.get(plain, plain)


def spellings(name: str) -> tuple[str, ...]:
    """Every spelling the table knows for this tool (the usual one first), or `()`."""
    return _GROUPS.get(_KEYS.get(normalize(name), ""), ())


def same_tool(a: str, b: str) -> bool:
    """Whether two names are spellings of the same tool: `same_tool("k8s", "Kubernetes")`."""
    return tool_key(a) == tool_key(b)
