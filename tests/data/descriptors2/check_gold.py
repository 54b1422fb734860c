"""Check that the gold of this set agrees with its texts (run: python check_gold.py).

The checks are those of tests/gold_format.py, which tests/test_gold_format.py runs on this
set and the others written in its format.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from gold_format import main

if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent))
