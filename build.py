#!/usr/bin/env python3
"""Build the care micro-enterprise directory: `python build.py --help`."""

import sys

from care_directory.cli import main

if __name__ == "__main__":
    sys.exit(main())
