//! What an admin is told when a use case refuses or a panel fails.

use inventory::InventoryError;
use members::{AccessError, MemberError, Role};

use crate::bot::{BotError, Ctx, Reply};

/// A refusal of the members use cases as a toast; other failures stay errors.
pub fn member(ctx: &Ctx<'_>, e: MemberError) -> Result<Reply, BotError> {
    let key = match e {
        MemberError::Forbidden {
            needed: Role::Superadmin,
        } => "admin-need-superadmin",
        MemberError::Forbidden { .. } => "toast-not-allowed",
        MemberError::OwnAccount => "admin-own-account",
        MemberError::ConfiguredSuperadmin => "admin-configured-superadmin",
        MemberError::SuperadminFromConfigOnly => "admin-configured-superadmin",
        MemberError::UnknownUser(_) => "admin-user-gone",
        other => return Err(other.into()),
    };
    Ok(Reply::none().toast(ctx.t(key)))
}

/// A refusal of the inventory use cases as a toast; other failures stay errors.
pub fn inventory(ctx: &Ctx<'_>, e: InventoryError) -> Result<Reply, BotError> {
    match e {
        InventoryError::Access(AccessError::Forbidden { .. }) => Ok(Reply::none().toast(ctx.t("toast-not-allowed"))),
        InventoryError::NotFound(_) => Ok(Reply::none().toast(ctx.t("admin-panel-gone"))),
        other => Err(other.into()),
    }
}
