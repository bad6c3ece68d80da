"""``python -m helpers COMMAND``: the project's command line (see ``helpers.cli``)."""
import sys

from helpers.cli import main

sys.exit(main())
