//! SeaORM entities, one module per area, one file per table.

pub mod inventory;
pub mod jobs;
pub mod members;
pub mod notify;
pub mod orders;
pub mod payments;
pub mod receipts;
pub mod telegram;
pub mod wallet;
