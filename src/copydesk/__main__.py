"""``python -m copydesk``: the command line."""

from copydesk.cli import main

raise SystemExit(main())
