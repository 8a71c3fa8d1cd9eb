import sys

from pointrules.cli import main

sys.exit(main())
