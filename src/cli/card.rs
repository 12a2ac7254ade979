//! `moonvpn card add|list|edit|activate|deactivate|remove`: the bank cards payers transfer
//! to, through `BankCardService` (the same use cases the admin bot menus will call).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::{BankCardId, Money};
use receipts::{BankCard, BankCardUpdate, CardNumber, Label, NewBankCard, ReceiptError, Rotation, SmsPattern};
use serde::Serialize;

use super::common::{self, money, to_json};
use super::panel::CliError;
use super::panel::table::Table;
use crate::config::Config;
use crate::wiring::Services;

/// `moonvpn card [--json] <command>`.
#[derive(Debug, Args)]
pub struct CardArgs {
    /// Print a JSON document instead of a table
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do
    #[command(subcommand)]
    pub command: CardCommand,
}

/// The card subcommands.
#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Add a card (owned by the acting superadmin; the first card becomes current)
    Add(Box<CardFields>),
    /// Every card, numbers masked
    List,
    /// Change a card's fields (only those given)
    Edit {
        /// The card
        id: BankCardId,
        /// What to change
        #[command(flatten)]
        fields: Box<CardFields>,
    },
    /// Show the card to payers again
    Activate {
        /// The card
        id: BankCardId,
    },
    /// Never show the card to payers (its open receipts can still be decided)
    Deactivate {
        /// The card
        id: BankCardId,
    },
    /// Delete a card no receipt refers to (deactivate one that has receipts)
    Remove {
        /// The card
        id: BankCardId,
    },
}

/// The fields of a card; `add` needs holder, bank and number.
#[derive(Debug, Args)]
pub struct CardFields {
    /// Name on the card
    #[arg(long)]
    pub holder: Option<String>,
    /// Bank name
    #[arg(long)]
    pub bank: Option<String>,
    /// The 16-digit number (add only; Luhn-checked, Persian digits accepted)
    #[arg(long)]
    pub number: Option<String>,
    /// Telegram channel id its receipts go to (0 removes it)
    #[arg(long, allow_hyphen_values = true)]
    pub channel: Option<i64>,
    /// Rotation policy: manual, interval or load_balance
    #[arg(long)]
    pub rotation: Option<String>,
    /// Minutes between switches for the interval policy
    #[arg(long)]
    pub every_minutes: Option<i64>,
    /// Most it may receive in 24 hours (0 removes the cap)
    #[arg(long)]
    pub daily_cap: Option<String>,
    /// Most it may receive in 30 days (0 removes the cap)
    #[arg(long)]
    pub monthly_cap: Option<String>,
    /// Bank notification pattern with a (?P<amount>…) group ("" restores the built-in ones)
    #[arg(long)]
    pub sms_pattern: Option<String>,
    /// Approve exact unique notification matches without a tap (true or false)
    #[arg(long)]
    pub auto_approve: Option<bool>,
    /// Make it the current card (edit only)
    #[arg(long)]
    pub current: bool,
}

/// Runs a card command.
pub fn main(args: CardArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let json = args.json;
        let actor = common::acting_admin(config, &services).await?;
        let cards = &services.cards;
        let card = match args.command {
            CardCommand::List => {
                let all = cards.list(actor).await.map_err(fail)?;
                return render_list(&all, json);
            }
            CardCommand::Add(fields) => {
                let new = new_card(&fields, actor, config)?;
                cards.add(actor, new).await.map_err(fail)?
            }
            CardCommand::Edit { id, fields } => edit(&services, actor, id, &fields, config).await?,
            CardCommand::Activate { id } => cards.update(actor, id, BankCardUpdate::Activate).await.map_err(fail)?,
            CardCommand::Deactivate { id } => cards
                .update(actor, id, BankCardUpdate::Deactivate)
                .await
                .map_err(fail)?,
            CardCommand::Remove { id } => {
                cards.remove(actor, id).await.map_err(fail)?;
                return if json {
                    to_json(&serde_json::json!({ "removed": id.get() }))
                } else {
                    Ok(format!("card {id} removed\n"))
                };
            }
        };
        render_one(&card, json)
    })
}

/// A receipts-area error as a CLI error: storage trouble exits 1, everything else 2.
pub fn fail(e: ReceiptError) -> CliError {
    match e {
        ReceiptError::Storage(e) => CliError::failed(e),
        other => CliError::input(other.to_string()),
    }
}

fn label(raw: &str, flag: &str) -> Result<Label, CliError> {
    Label::new(raw).map_err(|e| CliError::input(format!("{flag}: {e}")))
}

fn cap(raw: Option<&str>, flag: &str, config: &Config) -> Result<Option<Money>, CliError> {
    let Some(raw) = raw else { return Ok(None) };
    let amount = money(raw, flag, config.currency())?;
    Ok((!amount.is_zero()).then_some(amount))
}

fn rotation(fields: &CardFields) -> Result<Option<Rotation>, CliError> {
    let Some(code) = fields.rotation.as_deref() else {
        return Ok(None);
    };
    let seconds = fields.every_minutes.map(|m| m.saturating_mul(60));
    Rotation::from_parts(code, seconds)
        .map(Some)
        .map_err(|e| CliError::input(format!("--rotation: {e}")))
}

fn pattern(raw: &str) -> Result<Option<SmsPattern>, CliError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    SmsPattern::new(raw)
        .map(Some)
        .map_err(|e| CliError::input(format!("--sms-pattern: {e}")))
}

fn new_card(f: &CardFields, owner: kernel::UserId, config: &Config) -> Result<NewBankCard, CliError> {
    let need = |v: &Option<String>, flag: &str| v.clone().ok_or_else(|| CliError::input(format!("{flag} is required")));
    let number = need(&f.number, "--number")?;
    Ok(NewBankCard {
        holder: label(&need(&f.holder, "--holder")?, "--holder")?,
        bank: label(&need(&f.bank, "--bank")?, "--bank")?,
        number: CardNumber::parse(&number).map_err(|e| CliError::input(format!("--number: {e}")))?,
        owner,
        channel_id: f.channel.filter(|c| *c != 0),
        rotation: rotation(f)?.unwrap_or(Rotation::Manual),
        daily_cap: cap(f.daily_cap.as_deref(), "--daily-cap", config)?,
        monthly_cap: cap(f.monthly_cap.as_deref(), "--monthly-cap", config)?,
        sms_pattern: f.sms_pattern.as_deref().map(pattern).transpose()?.flatten(),
        auto_approve: f.auto_approve.unwrap_or(false),
    })
}

/// The changes `edit` asks for, checked before any is applied.
fn changes(f: &CardFields, current: &BankCard, config: &Config) -> Result<Vec<BankCardUpdate>, CliError> {
    if f.number.is_some() {
        return Err(CliError::input(
            "--number cannot be edited; add a new card and deactivate this one",
        ));
    }
    let mut out = Vec::new();
    if let Some(h) = &f.holder {
        out.push(BankCardUpdate::SetHolder(label(h, "--holder")?));
    }
    if let Some(b) = &f.bank {
        out.push(BankCardUpdate::SetBank(label(b, "--bank")?));
    }
    if let Some(c) = f.channel {
        out.push(BankCardUpdate::SetChannel((c != 0).then_some(c)));
    }
    if let Some(r) = rotation(f)? {
        out.push(BankCardUpdate::SetRotation(r));
    } else if f.every_minutes.is_some() {
        return Err(CliError::input("--every-minutes needs --rotation interval"));
    }
    if f.daily_cap.is_some() || f.monthly_cap.is_some() {
        let daily = match &f.daily_cap {
            Some(raw) => cap(Some(raw), "--daily-cap", config)?,
            None => current.daily_cap,
        };
        let monthly = match &f.monthly_cap {
            Some(raw) => cap(Some(raw), "--monthly-cap", config)?,
            None => current.monthly_cap,
        };
        out.push(BankCardUpdate::SetCaps { daily, monthly });
    }
    if let Some(p) = &f.sms_pattern {
        out.push(BankCardUpdate::SetSmsPattern(pattern(p)?));
    }
    if let Some(on) = f.auto_approve {
        out.push(BankCardUpdate::SetAutoApprove(on));
    }
    if f.current {
        out.push(BankCardUpdate::MakeCurrent);
    }
    if out.is_empty() {
        return Err(CliError::input("nothing to change; give at least one field"));
    }
    Ok(out)
}

async fn edit(
    services: &Services,
    actor: kernel::UserId,
    id: BankCardId,
    f: &CardFields,
    config: &Config,
) -> Result<BankCard, CliError> {
    let cards = &services.cards;
    let mut card = cards.get(actor, id).await.map_err(fail)?;
    for change in changes(f, &card, config)? {
        card = cards.update(actor, id, change).await.map_err(fail)?;
    }
    Ok(card)
}

/// A card as `--json` prints it (the number masked).
#[derive(Debug, Serialize)]
pub struct CardJson {
    id: i64,
    holder: String,
    bank: String,
    number: String,
    owner: i64,
    channel: Option<i64>,
    rotation: &'static str,
    every_minutes: Option<i64>,
    active: bool,
    current: bool,
    daily_cap_minor: Option<i64>,
    monthly_cap_minor: Option<i64>,
    sms_pattern: Option<String>,
    auto_approve: bool,
}

impl CardJson {
    fn new(c: &BankCard) -> Self {
        Self {
            id: c.id.get(),
            holder: c.holder.to_string(),
            bank: c.bank.to_string(),
            number: c.number.masked(),
            owner: c.owner.get(),
            channel: c.channel_id,
            rotation: c.rotation.code(),
            every_minutes: c.rotation.every_seconds().map(|s| s / 60),
            active: c.active,
            current: c.current,
            daily_cap_minor: c.daily_cap.map(Money::minor),
            monthly_cap_minor: c.monthly_cap.map(Money::minor),
            sms_pattern: c.sms_pattern.as_ref().map(|p| p.as_str().to_owned()),
            auto_approve: c.auto_approve,
        }
    }
}

fn render_one(card: &BankCard, json: bool) -> Result<String, CliError> {
    if json {
        return to_json(&serde_json::json!({ "card": CardJson::new(card) }));
    }
    render_table(std::slice::from_ref(card))
}

fn render_list(cards: &[BankCard], json: bool) -> Result<String, CliError> {
    if json {
        let docs: Vec<_> = cards.iter().map(CardJson::new).collect();
        return to_json(&serde_json::json!({ "cards": docs }));
    }
    if cards.is_empty() {
        return Ok("no bank cards; add one with `moonvpn card add`\n".to_owned());
    }
    render_table(cards)
}

fn render_table(cards: &[BankCard]) -> Result<String, CliError> {
    let mut t = Table::new(&["ID", "NUMBER", "HOLDER", "BANK", "ROTATION", "STATE", "CAPS (DAY/30D)"]);
    let opt = |m: Option<Money>| m.map_or("-".to_owned(), |m| m.minor().to_string());
    for c in cards {
        let mut state = if c.active { "active" } else { "inactive" }.to_owned();
        if c.current {
            state.push_str(", current");
        }
        let rotation = match c.rotation {
            Rotation::Interval { every } => format!("interval {}m", every.whole_minutes()),
            other => other.code().to_owned(),
        };
        t.row(vec![
            c.id.to_string(),
            c.number.masked(),
            c.holder.to_string(),
            c.bank.to_string(),
            rotation,
            state,
            format!("{}/{}", opt(c.daily_cap), opt(c.monthly_cap)),
        ]);
    }
    Ok(t.render())
}
