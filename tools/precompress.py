#!/usr/bin/env python3
"""Write .gz and .br copies of a built site's text files (make dist): --help. (newsbuild/precompress.py)"""

import sys

from newsbuild.precompress import main

if __name__ == "__main__":
    sys.exit(main())
