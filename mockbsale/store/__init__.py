"""Per-company state: tables of flat records with id sequences, indexes, snapshot and restore."""

from mockbsale.store.company import Company, Store
from mockbsale.store.table import Table
from mockbsale.store.transaction import atomic

__all__ = ["Company", "Store", "Table", "atomic"]
