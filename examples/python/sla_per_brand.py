"""SLA compliance per brand on the bundled real sample, and one brand's emotion pattern as SVG.

Run from the repository root after installing the package (`pip install ./bindings/python`):

    python examples/python/sla_per_brand.py [OUT_DIR]
"""

from __future__ import annotations

import collections
import json
import pathlib
import sys
from typing import Dict, List

import kesher

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main(out_dir: pathlib.Path) -> Dict[str, float]:
    cases, summary = kesher.read_cases(ROOT / "examples/data/ibm-twitter-care-dev.json")
    print(f"read {summary['read']}, accepted {summary['accepted']}, rejected {summary['rejected']}")
    contracts = kesher.ContractSet(json.loads((ROOT / "examples/data/contracts.json").read_text()))
    engine = kesher.SlaEngine(contracts)
    now = max(c.last_event_at for c in cases)
    model = kesher.EmotionModel(lexicon=True)
    met: Dict[str, List[bool]] = collections.defaultdict(list)
    patterns = kesher.PatternBuilder()
    for case in cases:
        sla = engine.evaluate(case, now)
        for target in sla.targets:
            if target["metric"] == "first_response" and target["state"] in ("met", "met_late", "breached"):
                met[case.metadata["brand"]].append(target["state"] == kesher.TargetState.MET)
        patterns.add(model.journey(case, now, sla))
    rates = {brand: sum(v) / len(v) for brand, v in met.items()}
    print(f"{'brand':18} {'cases':>5}  first response within SLA")
    for brand, rate in sorted(rates.items(), key=lambda kv: -len(met[kv[0]])):
        print(f"{brand:18} {len(met[brand]):5}  {rate:6.0%}")
    by_segment = {p.segment: p for p in patterns.finish()}
    biggest = max(by_segment.values(), key=lambda p: p.journeys)
    out_dir.mkdir(parents=True, exist_ok=True)
    picture = out_dir / f"pattern-{biggest.segment}.svg"
    picture.write_text(biggest.svg())
    print(f"{picture}: {biggest!r}")
    return rates


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("pictures"))
