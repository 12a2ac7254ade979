//! Editing a connected panel: its name, address, login name, password, API token, two-factor
//! secret, and whether a self-signed certificate is accepted. One field per question; a new
//! address or login is tried on the panel before anything is saved, through
//! `FleetService::edit_panel_as`, the use case `moonvpn panel edit` calls. Secrets typed
//! here are deleted from the chat once read and never kept in the conversation.

use inventory::{DisplayName, InventoryError, Panel, PanelChanges, PanelUrl};
use kernel::{PanelId, Secret};

use super::{AdminStep, home, panels, refusal};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// What an admin can change by typing, by its index on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Url,
    Username,
    Password,
    ApiToken,
    TwoFactor,
}

const FIELDS: [Field; 6] = [
    Field::Name,
    Field::Url,
    Field::Username,
    Field::Password,
    Field::ApiToken,
    Field::TwoFactor,
];

impl Field {
    fn from_index(index: u8) -> Option<Self> {
        FIELDS.get(usize::from(index)).copied()
    }

    fn index(self) -> u8 {
        FIELDS.iter().position(|f| *f == self).map_or(0, |i| i as u8)
    }

    fn key(self) -> &'static str {
        match self {
            Self::Name => "admin-panel-field-name",
            Self::Url => "admin-panel-field-url",
            Self::Username => "admin-panel-field-username",
            Self::Password => "admin-panel-field-password",
            Self::ApiToken => "admin-panel-field-token",
            Self::TwoFactor => "admin-panel-field-twofa",
        }
    }

    /// Whether the typed value is a secret: deleted from the chat once read.
    fn secret(self) -> bool {
        matches!(self, Self::Password | Self::ApiToken | Self::TwoFactor)
    }

    /// Whether `-` removes the value.
    fn removable(self) -> bool {
        matches!(self, Self::ApiToken | Self::TwoFactor)
    }
}

async fn panel(ctx: &Ctx<'_>, id: PanelId) -> Result<Option<Panel>, BotError> {
    Ok(ctx.deps.fleet.panels().await?.into_iter().find(|p| p.id == id))
}

fn set_or_not(ctx: &Ctx<'_>, set: bool) -> String {
    ctx.t(if set {
        "admin-panel-edit-set"
    } else {
        "admin-panel-edit-unset"
    })
}

/// The panel's settings and a button per thing to change.
pub async fn menu(ctx: &Ctx<'_>, id: PanelId) -> Result<Reply, BotError> {
    let Some(panel) = panel(ctx, id).await? else {
        return Ok(Reply::none().toast(ctx.t("admin-panel-gone")));
    };
    let text = ctx.t_args(
        "admin-panel-edit-title",
        &Args::new()
            .text("name", panel.name.to_string())
            .text("url", panel.url.as_str().to_owned())
            .text("username", panel.username.clone())
            .text("token", set_or_not(ctx, panel.api_token.is_some()))
            .text("twofa", set_or_not(ctx, panel.two_factor_secret.is_some()))
            .text(
                "tls",
                ctx.t(if panel.allow_insecure_tls {
                    "admin-panel-edit-tls-self"
                } else {
                    "admin-panel-edit-tls-public"
                }),
            ),
    );
    let field = |f: Field| ctx.button(f.key(), Action::Admin(AdminAction::EditPanelField(id, f.index())));
    let tls = if panel.allow_insecure_tls {
        ctx.button(
            "admin-btn-panel-edit-tls-public",
            Action::Admin(AdminAction::EditPanelSelfSigned(id, false)),
        )
    } else {
        ctx.button(
            "admin-btn-panel-edit-tls-self",
            Action::Admin(AdminAction::EditPanelSelfSigned(id, true)),
        )
    };
    let mut keyboard = Keyboard::new()
        .row([field(Field::Name), field(Field::Url)])
        .row([field(Field::Username), field(Field::Password)])
        .row([field(Field::ApiToken), field(Field::TwoFactor)]);
    // A certificate question only means something for an https:// panel.
    if panel.url.is_https() {
        keyboard = keyboard.row([tls]);
    }
    let keyboard = keyboard.row([
        ctx.button("admin-btn-back-panel", Action::Admin(AdminAction::Panel(id))),
        home::back_button(ctx),
    ]);
    Ok(Reply::show(text, keyboard))
}

fn cancel(ctx: &Ctx<'_>, id: PanelId) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::EditPanel(id)))])
}

/// Asks for the new value of one field.
pub async fn ask(ctx: &Ctx<'_>, id: PanelId, index: u8) -> Result<Reply, BotError> {
    let Some(field) = Field::from_index(index) else {
        return Ok(Reply::none().toast(ctx.t("admin-panel-add-expired")));
    };
    let Some(panel) = panel(ctx, id).await? else {
        return Ok(Reply::none().toast(ctx.t("admin-panel-gone")));
    };
    let key = match field {
        Field::Password => "admin-panel-edit-ask-password",
        f if f.removable() => "admin-panel-edit-ask-secret",
        _ => "admin-panel-edit-ask",
    };
    let text = ctx.t_args(
        key,
        &Args::new()
            .text("field", ctx.t(field.key()))
            .text("name", panel.name.to_string()),
    );
    Ok(Reply::show(text, cancel(ctx, id)).state(Conversation::Admin {
        step: AdminStep::PanelEdit {
            panel: id.get(),
            field: index,
        },
    }))
}

/// `text` as the change to `field`, or what is wrong with it (a sentence in the admin's
/// language, HTML).
fn change(ctx: &Ctx<'_>, field: Field, text: &str) -> Result<PanelChanges, String> {
    let value = text.trim();
    let mut changes = PanelChanges::default();
    let removed = field.removable() && value == "-";
    match field {
        Field::Name => changes.name = Some(DisplayName::new(value).map_err(|e| sentence(ctx, &e))?),
        Field::Url => changes.url = Some(PanelUrl::new(value).map_err(|e| sentence(ctx, &e))?),
        Field::Username => {
            changes.username = Some(
                super::panel_add::valid_username(value)
                    .ok_or_else(|| {
                        ctx.t_args(
                            "admin-panel-add-username-invalid",
                            &Args::new().number("max", super::panel_add::MAX_USERNAME as i64),
                        )
                    })?
                    .to_owned(),
            );
        }
        _ if value.is_empty() || value.contains(char::is_whitespace) => {
            return Err(ctx.t("admin-panel-edit-secret-invalid"));
        }
        Field::Password => changes.password = Some(Secret::new(value)),
        Field::ApiToken => changes.api_token = Some((!removed).then(|| Secret::new(value))),
        Field::TwoFactor => changes.two_factor_secret = Some((!removed).then(|| Secret::new(value))),
    }
    Ok(changes)
}

/// Why a typed name or URL was refused, as a sentence.
fn sentence(ctx: &Ctx<'_>, e: &inventory::ParseError) -> String {
    format!("{}.", super::explain::input(ctx, e))
}

/// The new value arrived: saved (the panel shown with a note) or explained and asked again.
pub async fn typed(ctx: &Ctx<'_>, id: PanelId, index: u8, text: &str) -> Result<Reply, BotError> {
    let Some(field) = Field::from_index(index) else {
        return Ok(Reply::send(ctx.t("admin-panel-add-expired"), None).state(Conversation::Idle));
    };
    let forget = |reply: Reply| if field.secret() { reply.forget_input() } else { reply };
    let changes = match change(ctx, field, text) {
        Ok(changes) => changes,
        Err(why) => {
            let text = ctx.t_args("admin-panel-edit-invalid", &Args::new().html("why", why));
            return Ok(forget(Reply::send(text, Some(cancel(ctx, id)))));
        }
    };
    Ok(forget(save(ctx, id, field.key(), &changes).await?))
}

/// Accepts a self-signed certificate (`true`) or only a public one.
pub async fn self_signed(ctx: &Ctx<'_>, id: PanelId, accept: bool) -> Result<Reply, BotError> {
    let changes = PanelChanges {
        allow_insecure_tls: Some(accept),
        ..PanelChanges::default()
    };
    let reply = save(ctx, id, "admin-panel-field-tls", &changes).await?;
    Ok(reply.state(Conversation::Idle))
}

async fn save(ctx: &Ctx<'_>, id: PanelId, field_key: &str, changes: &PanelChanges) -> Result<Reply, BotError> {
    match ctx.deps.fleet.edit_panel_as(ctx.user.id, id, changes, None).await {
        Ok(_) => {
            let note = ctx.t_args("admin-panel-edit-done", &Args::new().text("field", ctx.t(field_key)));
            Ok(panels::view(ctx, id, Some(note)).await?.state(Conversation::Idle))
        }
        Err(e @ (InventoryError::Access(_) | InventoryError::NotFound(_))) => {
            Ok(refusal::inventory(ctx, e)?.state(Conversation::Idle))
        }
        Err(InventoryError::NothingToChange) => Ok(Reply::send(ctx.t("admin-panel-edit-same"), Some(cancel(ctx, id)))),
        Err(e) => {
            let text = ctx.t_args(
                "admin-panel-edit-failed",
                &Args::new().html("why", super::explain::inventory(ctx, &e)),
            );
            Ok(Reply::send(text, Some(cancel(ctx, id))))
        }
    }
}
