"""Name rules shared by the loader, the engine and the schema."""

from __future__ import annotations

import re

VARIABLE_RE = re.compile(r"[a-z_][a-z0-9_]*")
ID_RE = re.compile(r"[a-z0-9-]+")

#: Variables the engine provides; files may read them but never set them.
BUILTIN_VARIABLES = frozenset({"a", "b", "speaker", "listener", "round", "tries"})


def id_from_filename(stem: str) -> str:
    """The exercise id a file gets when it has none: lowercased, other characters -> '-'."""
    return re.sub(r"[^a-z0-9-]", "-", stem.lower())


def variable_problem(name: str) -> str | None:
    """Why ``name`` cannot be set by a file, or None when it can."""
    if not VARIABLE_RE.fullmatch(name):
        fixed = allowed_spelling(name)
        hint = f'; did you mean "{fixed}"?' if fixed else ""
        return (
            f'"{name}" is not an allowed variable name: use lowercase letters, digits and _, '
            f"starting with a letter or _{hint}"
        )
    if name in BUILTIN_VARIABLES:
        return f'"{name}" is a reserved variable name (a, b, speaker, listener, round, tries)'
    return None


def settable(name: str) -> bool:
    """Whether a file may set a variable called ``name``."""
    return VARIABLE_RE.fullmatch(name) is not None and name not in BUILTIN_VARIABLES


def allowed_spelling(name: str) -> str | None:
    """The nearest name a file may set (``go-on`` -> ``go_on``, ``Calm`` -> ``calm``), or
    None when there is none (it would be reserved, or nothing is left)."""
    fixed = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    if fixed[:1].isdigit():
        fixed = "_" + fixed
    return fixed if fixed and settable(fixed) else None
