"""``python -m helpers COMMAND``: the project's command line (see ``helpers.cli``)."""
import sys

try:
    from helpers.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still importing: exit as an interrupted command does
    sys.exit(130)

sys.exit(main())
