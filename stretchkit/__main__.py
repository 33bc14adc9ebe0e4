import sys

from stretchkit.cli import main

sys.exit(main())
