"""``digitpad`` and ``python -m digitpad``: the window with no arguments, else the command line."""

import sys

from digitpad.cli import main as cli_main


def main() -> int:
    if len(sys.argv) == 1:
        from digitpad.gui.app import main as open_window  # Qt only for the window, never for the CLI

        return open_window()
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
