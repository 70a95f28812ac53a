"""Print cdk.out/validation-report.json as one line per finding (rule | construct path)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    report = Path(sys.argv[1] if len(sys.argv) > 1 else "cdk.out/validation-report.json")
    data = json.loads(report.read_text())
    for plugin in data.get("pluginReports", []):
        for violation in plugin.get("violations", []):
            for construct in violation.get("violatingConstructs", []):
                print(f"{violation['ruleName']} | {construct['constructPath']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
