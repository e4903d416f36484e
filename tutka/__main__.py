import sys

from tutka.cli import main

sys.exit(main())
