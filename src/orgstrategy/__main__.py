"""Run the command line: ``python -m orgstrategy``."""

import sys

from orgstrategy._cli import main

sys.exit(main())
