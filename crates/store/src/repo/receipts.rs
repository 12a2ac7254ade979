//! Repositories of the receipts area.
