#!/usr/bin/env python3
"""Turn the structured articles in source/ into pages in docs/ for MkDocs: `build_pages.py --help`.

The project's own entry point: the same as the `newsbuild` command, for the project beside this file.
Exit codes: 0 success, 1 invalid content (nothing written), 2 usage error.
"""

import sys
from pathlib import Path

from newsbuild.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent, prog="build_pages.py"))
