"""`mlroles init --minimal` and `init --extends`: small catalogs to start a team's own from.

- minimal: a version 2 catalog of its own, with one hiring group, two skill axes and one role,
  every field explained in a comment beside it;
- extends: a file that builds on the bundled catalog, with one role added and one bundled role
  overridden in comments (a copy of it, taken from the bundled file, to edit and uncomment).

Both start with the YAML language server's schema comment, so that an editor that runs it checks
the file as it is typed, against `mlroles schema > mlroles.schema.json` saved beside it. Both
validate as written (a test holds them to it), and are written through init's atomic writer.
"""

from __future__ import annotations

from pathlib import Path

from mlroles.queries.starter import Started, quoted_name, write_atomically

#: The YAML language server's modeline: the schema of a catalog, saved beside the file.
SCHEMA_FILE = "mlroles.schema.json"
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"

_USE = """\
#   check it:     mlroles validate {name}
#   use it:       mlroles --data {name} list     (or set MLROLES_DATA={name})
#   editor help:  mlroles schema > {schema}
#                 (beside this file: its first line points the YAML language server there)
"""

MINIMAL = """\
# An mlroles catalog of your own: one role to start from. Every key is explained beside it;
# keys marked "optional" may be left out. Unknown keys, keys written twice, YAML aliases (*name)
# and tags (!!name) are errors, each reported with its line.
#
{use}

version: 2                    # the catalog format: 2 declares its own groups and skills

groups:                       # the hiring groups: sets of roles hired for alike
  - id: engineering           # a slug (lowercase letters, digits, single hyphens), unique
    title: Engineering        # the name people read
    summary: >-               # one sentence: what the group's roles have in common
      The roles that build and run the team's software and models.
    # sources, inferred: optional, as for a role (below)

skills:                       # the skill axes; every role gives a level on each of them
  - id: machine_learning      # snake_case (letters, digits, single underscores), unique
    title: Machine learning
    aliases: [ml]             # optional: other names for the axis (match --skills ml=0.5)
    summary: >-               # what the two ends of the axis mean
      Expertise in machine learning, from little (0) to expert (1).
  - id: software_engineering  # `map` draws the first two axes; add as many as you need
    title: Software engineering
    aliases: [swe]
    summary: >-
      Skill at building and running software, from little (0) to expert (1).

roles:                        # the roles, at least one
  - id: ml-engineer           # a slug, unique among roles
    title: ML Engineer        # the name people read
    aliases: [mle]            # optional: other names (slugs), never another role's id or alias
    summary: >-               # one sentence
      Trains machine-learning models and puts them into production.
    responsibilities:         # what the role does: a list, at least one
      - Train and evaluate models
      - Deploy models and keep them running
    work_product:             # what the role delivers: a list, at least one
      - Models in production
    tools: [Python, Docker]   # optional: tool names, spelled as you like
    background: >-            # where people in the role usually come from
      Software engineers who learned machine learning, or the other way round.
    skills:                   # a level from 0 to 1 on every axis declared above, and no other
      machine_learning: 0.7
      software_engineering: 0.8
    group: engineering        # the id of a group declared above
    works_with: []            # optional: ids of other roles in this catalog
    sources:                  # where the facts come from: a list, at least one
      - title: Our career framework   # a document's title
        # url: https://example.org/careers  # optional: a document may have none
    inferred:                 # optional: a note for each field whose value no source states
      skills: Our own estimate; the framework gives no numbers.
"""

EXTENDS = """\
# An mlroles catalog that builds on the one that ships with mlroles (the roles of Full Stack
# Deep Learning's "ML Teams" lectures): every bundled role, group and skill comes first, then
# what this file adds. An entry whose id is a bundled one replaces that entry whole, where it
# stood; `remove: [ids]` drops bundled entries. See `mlroles init --minimal` for every key.
#
{use}

version: 2
extends: bundled              # or a path to another catalog, relative to this file
# remove: [interview-book]    # optional: ids of bundled entries to leave out (not a role that
#                             # another role still names in works_with)

roles:
  # An added role: its group and skills are the bundled catalog's (see `mlroles show ds`).
  - id: analytics-engineer
    title: Analytics Engineer
    aliases: [ae]
    summary: >-
      Turns raw data into clean, tested tables that the analysts and the models rely on.
    responsibilities:
      - Model the warehouse's data into tables people can query
      - Test and document those tables
    work_product: [Data models, Documentation]
    tools: [SQL, dbt]
    background: >-
      Data analysts who took up software engineering practice, or data engineers closer to
      the business.
    skills: {{machine_learning: 0.2, software_engineering: 0.6, communication: 0.7}}
    group: business-analytics
    works_with: [data-engineer, data-scientist]
    sources:
      - title: Our career framework
    inferred:
      skills: Our own estimate; the framework gives no numbers.

  # An override: uncomment this copy of the bundled role and edit it; it replaces the bundled
  # one whole (give every key, not only the ones that change).
{override}"""

#: The bundled role that the extends template shows as an override, commented out.
OVERRIDDEN_ROLE = "data-scientist"


def minimal_text(name: str) -> str:
    """The minimal catalog, its comments naming `name` (the file it is written to)."""
    return MODELINE + MINIMAL.format(use=_use(name))


def extends_text(name: str) -> str:
    """The catalog that extends the bundled one, with the override taken from the bundled file."""
    return MODELINE + EXTENDS.format(use=_use(name), override=_commented_role(OVERRIDDEN_ROLE))


def _use(name: str) -> str:
    return _USE.format(name=quoted_name(name), schema=SCHEMA_FILE).rstrip("\n")


def _commented_role(role_id: str) -> str:
    """The lines of one role in the bundled file, each commented out with `# `."""
    from mlroles.catalog.files import read_text
    from mlroles.catalog.load import bundled_path

    lines = read_text(bundled_path()).splitlines()
    start = lines.index(f"  - id: {role_id}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return "".join(f"  # {line[2:]}\n" for line in lines[start:end])


#: What each template is, as `init`'s summary names it, and how its text is made.
TEMPLATES = {
    "minimal": ("a minimal catalog", minimal_text),
    "extends": ("a catalog that extends the bundled one", extends_text),
}


def write_template(path: Path, kind: str, *, force: bool = False) -> Started:
    """Write the `kind` template ("minimal" or "extends") to `path`; an existing file only
    with `force`, as `init` always does."""
    what, text = TEMPLATES[kind]
    write_atomically(path, text(path.name).encode("utf-8"), force=force)
    return Started(path, what)
