"""`make seed`: load synthetic residents into the population registry of the local stack and report it.

    python -m tools.seed [--residents 10000] [--seed 2026]

Families are generated until at least --residents people exist (consistent NIKs, KK numbers, real region
and postal codes). Against a deployed stack, point AWS credentials at it and pass --table REGISTRY_TABLE.
"""

from __future__ import annotations

import argparse
import sys
import time

from tools.synthetic.residents import Family, generate_families


def families_for(residents: int, seed: int) -> list[Family]:
    # About 3.5 people a family: generate a little more than needed, then keep whole families.
    families = generate_families(max(1, residents * 10 // 34), seed=seed)
    kept, count = [], 0
    for family in families:
        if count >= residents:
            break
        kept.append(family)
        count += len(family.members)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--table", help="a deployed registry table (default: a fresh local stack on moto)")
    args = parser.parse_args(argv)
    from ektp.adapters.registry_dynamodb import DynamoPopulationRegistry
    from tools.synthetic.registry import registry_people

    started = time.monotonic()
    families = families_for(args.residents, args.seed)
    generated = time.monotonic() - started
    if args.table:
        count = DynamoPopulationRegistry(args.table).put_many(registry_people(families))
        where = args.table
    else:
        from local_runtime import LocalStack

        with LocalStack() as stack:
            count = stack.seed_registry(registry_people(families))
            where = f"local registry table {stack.registry_table}"
    print(
        f"{count:,} residents in {len(families):,} families generated in {generated:.1f} s, "
        f"loaded into {where} in {time.monotonic() - started - generated:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
