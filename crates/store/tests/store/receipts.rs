//! Store tests of the receipts area.
