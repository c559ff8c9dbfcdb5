"""mlroles: explore the roles on a machine-learning team from the command line."""

#: The version of the catalog file format (its top-level `version:`).
FORMAT_VERSION = 2

#: Ids and aliases: lowercase letters and digits in words joined by single hyphens. Here, not
#: in catalog/models.py, so that shell completion can use it without importing Pydantic.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: Skill axis ids and aliases: lowercase letters and digits in words joined by single underscores
#: (`machine_learning`, `ml`).
SKILL_PATTERN = r"^[a-z0-9]+(_[a-z0-9]+)*$"
