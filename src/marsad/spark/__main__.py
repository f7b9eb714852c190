"""`python -m marsad.spark` or `spark-submit src/marsad/spark/__main__.py INPUT... --out DIR`."""

import sys

from marsad.spark.cli import main

if __name__ == "__main__":
    sys.exit(main())
