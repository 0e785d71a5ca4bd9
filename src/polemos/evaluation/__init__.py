"""polemos measures itself on public gold data (`polemos eval`)."""

from .base import SETS, Figure, Miss, SetResult, default_data_path

__all__ = ["SETS", "Figure", "Miss", "SetResult", "default_data_path"]
