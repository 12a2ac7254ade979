//! Entities of the receipts area.
