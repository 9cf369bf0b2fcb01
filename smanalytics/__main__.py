"""``python -m smanalytics`` runs the command line."""

import sys

from smanalytics.cli import main

sys.exit(main())
