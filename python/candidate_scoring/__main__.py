"""`python -m candidate_scoring` runs the command line."""

import sys

from candidate_scoring.cli import main

sys.exit(main())
