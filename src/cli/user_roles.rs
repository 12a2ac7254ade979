//! `moonvpn user block|unblock|grant|revoke`: the member use cases the bot's admin menu
//! calls, run as the first configured superadmin (role checked and audited by the domain).

use members::{MemberError, Role, User};
use serde::Serialize;

use super::common::{acting_admin, to_json};
use super::panel::CliError;
use super::user::resolve;
use crate::config::Config;
use crate::wiring::Services;

/// What to change about a user.
#[derive(Debug, Clone, Copy)]
pub enum Change {
    /// Block them.
    Block,
    /// Lift their block.
    Unblock,
    /// Give them this role (`User` revokes admin or seller).
    Role(Role),
}

/// `--role` of `user grant`: admin or seller (superadmins come from the config file).
pub fn grantable(raw: &str) -> Result<Role, String> {
    match raw.parse::<Role>() {
        Ok(role @ (Role::Admin | Role::Seller)) => Ok(role),
        Ok(Role::Superadmin) => Err("superadmins are set in the config file (admins.superadmins)".to_owned()),
        _ => Err(format!("{raw:?} is not a role to grant; expected admin or seller")),
    }
}

#[derive(Serialize)]
struct ChangeJson {
    user: i64,
    telegram_id: i64,
    role: String,
    status: String,
    changed: bool,
}

/// Applies `change` to the user named by `who` and reports the result.
pub async fn change(s: &Services, config: &Config, who: &str, change: Change, json: bool) -> Result<String, CliError> {
    // Registers the configured superadmin first, so they can be the target themselves.
    let admin = acting_admin(config, s).await?;
    let target = resolve(s, who).await?;
    let after = match change {
        Change::Block => s.members.block(admin, target.id).await,
        Change::Unblock => s.members.unblock(admin, target.id).await,
        Change::Role(role) => s.members.set_role(admin, target.id, role).await,
    }
    .map_err(refused)?;
    let doc = ChangeJson {
        user: after.id.get(),
        telegram_id: after.telegram_id.get(),
        role: s.members.effective_role(&after).to_string(),
        status: after.status.to_string(),
        changed: changed(&target, &after),
    };
    if json {
        return to_json(&doc);
    }
    let what = format!("user #{} (telegram {})", doc.user, doc.telegram_id);
    Ok(if doc.changed {
        format!("{what}: role {}, {}\n", doc.role, doc.status)
    } else {
        format!("{what} already is {} and {}; nothing changed\n", doc.role, doc.status)
    })
}

fn changed(before: &User, after: &User) -> bool {
    before.role != after.role || before.status != after.status
}

/// Refusals are bad input (exit 2) when the operator can fix the command, else failures.
fn refused(e: MemberError) -> CliError {
    match e {
        MemberError::OwnAccount | MemberError::ConfiguredSuperadmin | MemberError::SuperadminFromConfigOnly => {
            CliError::input(e.to_string())
        }
        other => CliError::failed(other),
    }
}
