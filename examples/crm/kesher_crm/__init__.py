"""A small help-desk back end embedding kesher: see ``examples/crm/README.md``."""

from kesher_crm.desk import HelpDesk, instant, rfc3339
from kesher_crm.replay import batch_states, replay
from kesher_crm.store import Store

__all__ = ["HelpDesk", "Store", "batch_states", "instant", "replay", "rfc3339"]
