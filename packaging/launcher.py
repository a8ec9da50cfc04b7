"""Entry script for the PyInstaller bundle (build.spec).

`ecmanual/__main__.py` uses relative imports, which only work inside the package; a frozen
program's script runs as a plain `__main__`, so this file imports the package absolutely.
"""

import sys

from ecmanual.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
