"""``digitpad`` and ``python -m digitpad``: the window with no command, else the command line."""

import sys

from digitpad.cli import build_parser
from digitpad.cli import main as cli_main


def main() -> int:
    args = build_parser().parse_args()
    if args.command is None:
        from digitpad.gui.app import main as open_window  # Qt only for the window, never for the CLI

        return open_window(args.lang)
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
