"""Exercise files: YAML -> :class:`Exercise`, with located problems. Never imports Textual."""

from coach.format.loader import LoadResult, load_file, load_text
from coach.format.model import Exercise
from coach.format.problems import Problem

__all__ = ["Exercise", "LoadResult", "Problem", "load_file", "load_text"]
