"""Per-company state: tables of flat records with id sequences, indexes, snapshot and restore."""

from mockbsale.store.company import Company, Store
from mockbsale.store.table import Table

__all__ = ["Company", "Store", "Table"]
