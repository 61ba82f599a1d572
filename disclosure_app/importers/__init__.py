"""Reading data into a project from files other than our own project file (Excel workbooks)."""
