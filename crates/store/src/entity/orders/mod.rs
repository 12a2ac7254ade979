//! Entities of the orders area.

pub mod discount_code;
pub mod discount_plan;
pub mod discount_use;
pub mod order;
pub mod plan;
pub mod plan_location;
pub mod test_account_log;
