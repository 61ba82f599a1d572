"""disclosure_app：部门预决算公开编制工具。"""

__version__ = "0.1.0"
APP_NAME = "预决算公开编制"
