//! Repositories of the orders area: plans, discount codes, orders (and the saga's atomic
//! steps: pay, fulfil, fail; one delivery at a time), and free test claims.

mod delivery;
mod discount_uses;
mod discounts;
mod order_repo;
mod order_steps;
pub(crate) mod plans;
mod rows;
mod test_accounts;

pub use rows::{discount_from_row, order_from_row, plan_from_rows};
