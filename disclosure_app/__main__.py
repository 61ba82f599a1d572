import sys

from .cli import main

if __name__ == "__main__":        # not when the audit command's worker processes import it
    sys.exit(main())
