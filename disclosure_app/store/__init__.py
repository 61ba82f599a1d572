"""Reading and writing projects: the SQLite project file and the JSON dump."""

from .errors import ProjectFileError
from .jsonio import dumps, from_dict, loads, to_dict
from .sqlite import open_project, save_project

__all__ = ["ProjectFileError", "dumps", "loads", "to_dict", "from_dict", "open_project", "save_project"]
