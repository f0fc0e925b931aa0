#!/usr/bin/env python3
"""Fill in deploy/nginx-site.conf for one deployment and print it: --help. (newsbuild/nginx_conf.py)"""

import sys

from newsbuild.nginx_conf import main

if __name__ == "__main__":
    sys.exit(main())
