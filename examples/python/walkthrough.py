# %% [markdown]
# # kesher in a notebook: a walkthrough
#
# Run it as a script (`python examples/python/walkthrough.py`) or open it in Jupyter or VS Code,
# which read the `# %%` cells. Journeys and patterns draw themselves in Jupyter (`_repr_svg_`).

# %%
from __future__ import annotations

import datetime as dt
import pathlib

import numpy as np
import pandas as pd

import kesher

ROOT = pathlib.Path(__file__).resolve().parents[2] if "__file__" in globals() else pathlib.Path.cwd()
UTC = dt.timezone.utc

# %% [markdown]
# ## Business time
# The Israeli preset: Sunday–Thursday 09:00–17:00, Friday until 13:00, holidays from the Hebrew
# calendar. Four business hours from the morning of Yom Kippur eve land after the holiday.

# %%
israel = kesher.Calendar("israel")
start = dt.datetime(2025, 10, 1, 8, tzinfo=UTC)
due = israel.add(start, dt.timedelta(hours=4))
print(due, israel.elapsed(start, due))
assert israel.elapsed(start, due) == dt.timedelta(hours=4)

# %% [markdown]
# ## A DataFrame of tickets → due times and SLA states
# The batch API takes the column as it is (numpy, pandas or Arrow) and gives the same kind back.

# %%
tickets = pd.DataFrame(
    {
        "ticket": ["T-1", "T-2", "T-3"],
        "opened_at": pd.to_datetime(["2025-10-01 07:30", "2025-10-05 12:00", "2025-10-08 15:00"]).tz_localize("UTC"),
        "answered_at": pd.to_datetime(["2025-10-03 09:00", "2025-10-05 13:00", "NaT"]).tz_localize("UTC"),
    }
)
tickets["due"] = israel.add_many(tickets["opened_at"], dt.timedelta(hours=4))
now = pd.Timestamp("2025-10-09 12:00", tz="UTC")
answered = tickets["answered_at"].notna()
tickets["state"] = np.where(
    answered,
    np.where(tickets["answered_at"] <= tickets["due"], "met", "met_late"),
    np.where(now <= tickets["due"], "running", "breached"),
)
print(tickets)

# %% [markdown]
# ## Real support data: cases, SLAs, the emotion graph

# %%
cases, summary = kesher.read_cases(ROOT / "examples/data/ibm-twitter-care-dev.json")
print(summary["read"], "conversations,", len(cases), "cases;", cases[0])
contracts = kesher.ContractSet((ROOT / "examples/data/contracts.json").read_text())
print(contracts.statements()[0])
engine = kesher.SlaEngine(contracts)
model = kesher.EmotionModel()
latest = max(c.last_event_at for c in cases)
journeys = [model.journey(c, latest, engine.evaluate(c, latest)) for c in cases]
lowest = min(journeys, key=lambda j: min(p["emotion"] for p in j.points))
lowest  # draws itself in Jupyter

# %%
builder = kesher.PatternBuilder()
for j in journeys:
    builder.add(j)
patterns = {p.segment: p for p in builder.finish()}
patterns["RockstarSupport"]  # the typical pattern of one brand

# %%
metrics = kesher.service_metrics(cases)
print("median first response:", dt.timedelta(seconds=metrics["first_response"]["median"]))
problems = kesher.recurring_problems(cases)
print([c["label"] for c in problems["clusters"][:5]])
