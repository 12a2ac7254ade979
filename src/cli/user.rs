//! `moonvpn user find|adjust-balance|block|unblock|grant|revoke|reset-traffic|extend|message`:
//! look a user up; change a balance by hand (an audited adjustment with a reason, one ledger
//! row); block and unblock; grant and revoke admin or seller; reset or extend a service; write
//! to a user. Changes act
//! as the first configured superadmin through the same use cases the bot's admin menu calls
//! (role checked, audited).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::IdempotencyKey;
use members::{Role, User, UserRef};
use serde::Serialize;
use wallet::WalletError;

use super::common::{self, acting_admin, format_minor, format_money, money, to_json};
use super::panel::CliError;
use super::user_roles::{self, Change};
use crate::config::Config;
use crate::wiring::Services;

/// `moonvpn user [--json] <command>`.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// Print a JSON document instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: UserCommand,
}

/// The user subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Show a user: role, status, language, balance, accounts
    Find {
        /// Telegram id (123456789), @username, or MoonVPN's user id as #42
        who: String,
    },
    /// Credit or debit a balance by hand: an adjustment with a reason, recorded in the ledger
    /// and the audit log as the first configured superadmin
    AdjustBalance(AdjustArgs),
    /// Block a user: they can no longer buy or pay (blocking staff needs a superadmin)
    Block {
        /// Telegram id, @username, or #user-id
        who: String,
    },
    /// Lift a block
    Unblock {
        /// Telegram id, @username, or #user-id
        who: String,
    },
    /// Give a user a role: admin (the default) or seller
    Grant {
        /// Telegram id, @username, or #user-id
        who: String,
        /// The role to give
        #[arg(long, value_name = "admin|seller", default_value = "admin", value_parser = super::user_roles::grantable)]
        role: Role,
    },
    /// Take a user's admin or seller role away: they become a plain user
    Revoke {
        /// Telegram id, @username, or #user-id
        who: String,
    },
    /// Set a service's used traffic back to zero on its panel (see `user find` for ids)
    ResetTraffic {
        /// The service (account id)
        account: kernel::ClientAccountId,
    },
    /// Add days and/or GB to a service, on its panel first (see `user find` for ids); the
    /// user is told what was added
    Extend(super::user_services::ExtendArgs),
    /// Send a user a message from support (delivered by the running bot; refused for a user
    /// who blocked the bot)
    Message {
        /// Telegram id, @username, or #user-id
        who: String,
        /// The message (at most 4000 characters)
        #[arg(long)]
        text: String,
    },
}

/// `moonvpn user adjust-balance`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).args(["credit", "debit"])))]
pub struct AdjustArgs {
    /// Telegram id, @username, or #user-id
    pub who: String,
    /// Add this amount (in the shop's currency)
    #[arg(long)]
    pub credit: Option<String>,
    /// Take this amount away (never below zero)
    #[arg(long)]
    pub debit: Option<String>,
    /// Why (required; the user sees it in their notice)
    #[arg(long)]
    pub reason: String,
    /// Makes a retried command harmless: the same id never applies twice [default: a new one]
    #[arg(long, value_name = "ID")]
    pub request_id: Option<String>,
}

/// Runs a user command.
pub fn main(args: UserArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        match args.command {
            UserCommand::Find { who } => find(&services, config, &who, args.json).await,
            UserCommand::AdjustBalance(a) => adjust(&services, config, &a, args.json).await,
            UserCommand::Block { who } => user_roles::change(&services, config, &who, Change::Block, args.json).await,
            UserCommand::Unblock { who } => {
                user_roles::change(&services, config, &who, Change::Unblock, args.json).await
            }
            UserCommand::Grant { who, role } => {
                user_roles::change(&services, config, &who, Change::Role(role), args.json).await
            }
            UserCommand::Revoke { who } => {
                user_roles::change(&services, config, &who, Change::Role(Role::User), args.json).await
            }
            UserCommand::ResetTraffic { account } => {
                super::user_services::reset_traffic(&services, config, account, args.json).await
            }
            UserCommand::Extend(a) => super::user_services::extend(&services, config, &a, args.json).await,
            UserCommand::Message { who, text } => {
                super::user_message::message(&services, config, &who, &text, args.json).await
            }
        }
    })
}

/// The user `who` names (see [`UserRef`]: `@username`, a Telegram id, a tracking code of one
/// of their ledger rows, or `#id`), or exit 1 when nobody matches (exit 2 when `who` is
/// malformed).
pub(super) async fn resolve(s: &Services, who: &str) -> Result<User, CliError> {
    let named = UserRef::parse(who).map_err(|e| CliError::input(e.to_string()))?;
    s.members.find(&named).await.map_err(CliError::failed)?.ok_or_else(|| {
        CliError::failed(format!(
            "no user matches {:?}; a user exists once they open the bot and press Start, so ask them to do that first",
            who.trim()
        ))
    })
}

#[derive(Serialize)]
struct UserJson {
    id: i64,
    telegram_id: i64,
    username: Option<String>,
    first_name: String,
    role: String,
    status: String,
    bot_blocked: bool,
    language: &'static str,
    balance_minor: i64,
    balance: String,
    accounts: Vec<AccountJson>,
    created_at: String,
}

#[derive(Serialize)]
struct AccountJson {
    id: i64,
    name: String,
    status: String,
    traffic_used_bytes: u64,
    traffic_limit_bytes: u64,
    expires_at: Option<String>,
}

pub(super) fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| at.to_string())
}

async fn find(s: &Services, config: &Config, who: &str, json: bool) -> Result<String, CliError> {
    let user = resolve(s, who).await?;
    let balance = s.wallet.balance(user.id).await.map_err(CliError::failed)?;
    let accounts = s.accounts.accounts_of(user.id).await.map_err(CliError::failed)?;
    let doc = UserJson {
        id: user.id.get(),
        telegram_id: user.telegram_id.get(),
        username: user.username.as_ref().map(ToString::to_string),
        first_name: user.first_name.to_string(),
        role: s.members.effective_role(&user).to_string(),
        status: user.status.to_string(),
        bot_blocked: user.bot_blocked,
        language: user.language.code(),
        balance_minor: balance.minor(),
        balance: format_money(balance, config.currency()),
        accounts: accounts
            .iter()
            .map(|a| AccountJson {
                id: a.id.get(),
                name: a.name.to_string(),
                status: a.status.to_string(),
                traffic_used_bytes: a.traffic_used_bytes,
                // --json writes "unlimited" as 0, as it always has.
                traffic_limit_bytes: a.traffic_limit_bytes.amount().unwrap_or(0),
                expires_at: a.expires_at.map(rfc3339),
            })
            .collect(),
        created_at: rfc3339(user.created_at),
    };
    if json {
        return to_json(&doc);
    }
    Ok(find_text(&doc))
}

/// `user find` as text; the username is printed as stored (`@name`).
fn find_text(doc: &UserJson) -> String {
    let mut text = format!(
        "user #{} — telegram {}{}, {}\nrole {}, {}{}, language {}\nbalance {}\njoined {}\n",
        doc.id,
        doc.telegram_id,
        doc.username.as_deref().map(|u| format!(" ({u})")).unwrap_or_default(),
        doc.first_name,
        doc.role,
        doc.status,
        if doc.bot_blocked { ", has blocked the bot" } else { "" },
        doc.language,
        doc.balance,
        doc.created_at,
    );
    if doc.accounts.is_empty() {
        text.push_str("no accounts\n");
    }
    for a in &doc.accounts {
        text.push_str(&format!(
            "account {} {} {}, {} of {} used, expires {}\n",
            a.id,
            a.name,
            a.status,
            super::panel::table::bytes(a.traffic_used_bytes),
            if a.traffic_limit_bytes == 0 {
                "unlimited".to_owned()
            } else {
                super::panel::table::bytes(a.traffic_limit_bytes)
            },
            a.expires_at.as_deref().unwrap_or("never"),
        ));
    }
    text
}

#[derive(Serialize)]
struct AdjustJson {
    user: i64,
    applied: bool,
    delta_minor: i64,
    balance_minor: i64,
    balance: String,
    tracking: String,
    request_id: String,
}

async fn adjust(s: &Services, config: &Config, a: &AdjustArgs, json: bool) -> Result<String, CliError> {
    let currency = config.currency();
    let delta = match (&a.credit, &a.debit) {
        (Some(credit), None) => money(credit, "--credit", currency)?.minor(),
        (None, Some(debit)) => -money(debit, "--debit", currency)?.minor(),
        _ => return Err(CliError::input("give exactly one of --credit or --debit")),
    };
    if delta == 0 {
        return Err(CliError::input("the amount is zero; nothing to adjust"));
    }
    let reason = a.reason.trim();
    if reason.is_empty() {
        return Err(CliError::input("--reason is empty; say why the balance changes"));
    }
    let request_id = match &a.request_id {
        Some(id) => id.trim().to_owned(),
        None => format!("{:016x}", rand::random::<u64>()),
    };
    let key = IdempotencyKey::new(format!("cli:adjust:{request_id}"))
        .map_err(|e| CliError::input(format!("--request-id: {e}")))?;
    // Registers the configured superadmin first, so they can be the target themselves.
    let admin = acting_admin(config, s).await?;
    let user = resolve(s, &a.who).await?;
    let outcome = s
        .wallet
        .adjust(admin, user.id, delta, key, reason)
        .await
        .map_err(|e| match e {
            WalletError::InsufficientFunds { needed, balance } => CliError::failed(format!(
                "cannot debit {}: the balance is only {}",
                format_money(needed, currency),
                format_money(balance, currency)
            )),
            WalletError::KeyReused(_) => CliError::failed(format!(
                "request id {request_id:?} was already used for a different adjustment"
            )),
            other => CliError::failed(other),
        })?;
    let entry = outcome.entry();
    let doc = AdjustJson {
        user: user.id.get(),
        applied: outcome.is_applied(),
        delta_minor: entry.signed_minor(),
        balance_minor: entry.balance_after.minor(),
        balance: format_money(entry.balance_after, currency),
        tracking: entry.tracking.as_str().to_owned(),
        request_id,
    };
    if json {
        return to_json(&doc);
    }
    Ok(if doc.applied {
        format!(
            "user #{}: {} ({}), balance now {}; tracking {}\n",
            doc.user,
            format_minor(doc.delta_minor, currency),
            reason,
            doc.balance,
            doc.tracking
        )
    } else {
        format!(
            "request {} was already applied (tracking {}); nothing changed\n",
            doc.request_id, doc.tracking
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_is_printed_with_one_at_sign() {
        let doc = UserJson {
            id: 7,
            telegram_id: 1001,
            username: Some("@ann".to_owned()),
            first_name: "Ann".to_owned(),
            role: "user".to_owned(),
            status: "active".to_owned(),
            bot_blocked: false,
            language: "en",
            balance_minor: 0,
            balance: "0 IRT".to_owned(),
            accounts: vec![AccountJson {
                id: 3,
                name: "FR-MoonVPN-1001".to_owned(),
                status: "active".to_owned(),
                traffic_used_bytes: 3 << 29,
                traffic_limit_bytes: 50 << 30,
                expires_at: None,
            }],
            created_at: "2026-12-01T00:00:00Z".to_owned(),
        };
        let text = find_text(&doc);
        assert!(text.starts_with("user #7 — telegram 1001 (@ann), Ann\n"), "{text}");
        assert!(text.contains("1.5 GB of 50 GB used"), "{text}");
    }
}
