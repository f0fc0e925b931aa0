#!/usr/bin/env python3
"""Pack a built site into a zip for offline reading: offline_zip.py SITE_DIR ZIP_PATH. (newsbuild/offline_zip.py)"""

import sys

from newsbuild.offline_zip import main

if __name__ == "__main__":
    sys.exit(main())
