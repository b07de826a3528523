"""Run the command line: ``python -m orgstrategy``."""

import sys

from orgstrategy._cli import main

if __name__ == "__main__":
    sys.exit(main())
