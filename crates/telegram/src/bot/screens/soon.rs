//! Screens whose flows are not built yet (plans, services, free test): an honest "soon"
//! and the way back.

use crate::bot::{Ctx, Reply};

/// A placeholder screen with message `key`.
pub fn show(ctx: &Ctx<'_>, key: &str) -> Reply {
    Reply::show(ctx.t(key), ctx.back_to_menu())
}
