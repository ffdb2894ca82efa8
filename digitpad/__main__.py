"""``digitpad`` and ``python -m digitpad``."""

import sys

from digitpad.cli import main as cli_main


def main() -> int:
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
