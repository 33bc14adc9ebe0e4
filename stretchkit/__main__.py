import sys

from stretchkit.cli.main import main

sys.exit(main())
