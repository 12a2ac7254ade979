//! Connecting a panel from the bot, one question at a time: its URL, login name, location (an
//! existing one, or a new one with its client-name prefix), whether its certificate is
//! self-signed, and last the password (with the two-factor secret on a second line). The
//! password is used at once by the inventory use case `moonvpn panel add` calls — which logs in
//! before anything is saved — and its message is deleted from the chat; it is never kept in
//! the conversation. A refused login saves nothing and asks for the password again.

use inventory::{DisplayName, InventoryError, LocationPrefix, NewLocation, PanelPlacement, PanelRequest, PanelUrl};
use kernel::{LocationId, Secret};

use super::step::PanelSpot;
use super::{AdminStep, home, refusal};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The longest login name accepted.
/// The longest login name a panel takes.
pub(super) const MAX_USERNAME: usize = 64;

/// `text` as a panel login name (one word of at most [`MAX_USERNAME`] characters).
pub(super) fn valid_username(text: &str) -> Option<&str> {
    let username = text.trim();
    let fits = !username.is_empty() && username.chars().count() <= MAX_USERNAME;
    (fits && !username.contains(char::is_whitespace)).then_some(username)
}

fn cancel(ctx: &Ctx<'_>) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::Panels))])
}

fn ask(ctx: &Ctx<'_>, key: &str, args: &Args, step: AdminStep) -> Reply {
    Reply::send(ctx.t_args(key, args), Some(cancel(ctx))).state(Conversation::Admin { step })
}

/// What a tap on a step that is no longer open gets.
fn expired(ctx: &Ctx<'_>) -> Reply {
    Reply::none().toast(ctx.t("admin-panel-add-expired"))
}

/// "Add a panel": asks for the URL.
pub fn start(ctx: &Ctx<'_>) -> Reply {
    Reply::show(ctx.t("admin-panel-add-url"), cancel(ctx)).state(Conversation::Admin {
        step: AdminStep::PanelUrl,
    })
}

/// The URL arrived: ask for the login name, or why it is not a panel address.
pub fn url_typed(ctx: &Ctx<'_>, text: &str) -> Reply {
    match PanelUrl::new(text) {
        Ok(url) => ask(
            ctx,
            "admin-panel-add-username",
            &Args::new(),
            AdminStep::PanelUsername {
                url: url.as_str().to_owned(),
            },
        ),
        Err(e) => Reply::send(
            ctx.t_args(
                "admin-panel-add-url-invalid",
                &Args::new().html("why", super::explain::input(ctx, &e)),
            ),
            Some(cancel(ctx)),
        ),
    }
}

/// The login name arrived: ask where the panel serves.
pub async fn username_typed(ctx: &Ctx<'_>, url: &str, text: &str) -> Result<Reply, BotError> {
    let Some(username) = valid_username(text) else {
        let why = ctx.t_args(
            "admin-panel-add-username-invalid",
            &Args::new().number("max", MAX_USERNAME as i64),
        );
        return Ok(Reply::send(why, Some(cancel(ctx))));
    };
    let locations = ctx.deps.placement.locations().await?;
    let mut keyboard = Keyboard::new();
    for location in &locations {
        keyboard = keyboard.row([ctx.button_text(
            location.name.to_string(),
            Action::Admin(AdminAction::AddPanelAt(location.id)),
        )]);
    }
    let keyboard = keyboard
        .row([ctx.button(
            "admin-btn-panel-new-location",
            Action::Admin(AdminAction::AddPanelNewLocation),
        )])
        .row([ctx.button("btn-cancel", Action::Admin(AdminAction::Panels))]);
    let key = if locations.is_empty() {
        "admin-panel-add-first-location"
    } else {
        "admin-panel-add-location"
    };
    Ok(Reply::send(ctx.t(key), Some(keyboard)).state(Conversation::Admin {
        step: AdminStep::PanelLocation {
            url: url.to_owned(),
            username: username.to_owned(),
        },
    }))
}

/// "New location": asks for its name (the chat keeps waiting for the location).
pub fn new_location(ctx: &Ctx<'_>) -> Reply {
    match ctx.state {
        Conversation::Admin {
            step: AdminStep::PanelLocation { .. },
        } => Reply::show(ctx.t("admin-panel-add-location-name"), cancel(ctx)).state(ctx.state.clone()),
        _ => expired(ctx),
    }
}

/// An existing location was picked.
pub async fn location_picked(ctx: &Ctx<'_>, id: LocationId) -> Result<Reply, BotError> {
    let Conversation::Admin {
        step: AdminStep::PanelLocation { url, username },
    } = ctx.state
    else {
        return Ok(expired(ctx));
    };
    let location = match ctx.deps.placement.location(id).await {
        Ok(location) => location,
        Err(InventoryError::NotFound(_)) => return Ok(expired(ctx)),
        Err(e) => return Err(e.into()),
    };
    Ok(after_location(
        ctx,
        url,
        username,
        PanelSpot::Existing { id: location.id.get() },
    ))
}

/// A location name was typed: an existing one (any case) is used, a new one asks its prefix.
pub async fn location_typed(ctx: &Ctx<'_>, url: &str, username: &str, text: &str) -> Result<Reply, BotError> {
    let Ok(name) = DisplayName::new(text) else {
        return Ok(Reply::send(
            ctx.t("admin-panel-add-location-invalid"),
            Some(cancel(ctx)),
        ));
    };
    if let Some(found) = ctx.deps.placement.location_named(name.as_str()).await? {
        return Ok(after_location(
            ctx,
            url,
            username,
            PanelSpot::Existing { id: found.id.get() },
        ));
    }
    Ok(ask(
        ctx,
        "admin-panel-add-prefix",
        &Args::new().text("location", name.to_string()),
        AdminStep::PanelPrefix {
            url: url.to_owned(),
            username: username.to_owned(),
            location: name.to_string(),
        },
    ))
}

/// The new location's prefix was typed.
pub fn prefix_typed(ctx: &Ctx<'_>, url: &str, username: &str, location: &str, text: &str) -> Reply {
    match LocationPrefix::new(text.trim()) {
        Ok(prefix) => after_location(
            ctx,
            url,
            username,
            PanelSpot::New {
                name: location.to_owned(),
                prefix: prefix.as_str().to_owned(),
            },
        ),
        Err(e) => Reply::send(
            ctx.t_args(
                "admin-panel-add-prefix-invalid",
                &Args::new().html("why", super::explain::input(ctx, &e)),
            ),
            Some(cancel(ctx)),
        ),
    }
}

/// After the location: an `https://` panel is asked about its certificate, a plain `http://`
/// one goes to the password with a warning.
fn after_location(ctx: &Ctx<'_>, url: &str, username: &str, spot: PanelSpot) -> Reply {
    let (url, username) = (url.to_owned(), username.to_owned());
    if PanelUrl::new(&url).is_ok_and(|u| u.is_https()) {
        let keyboard = Keyboard::new()
            .row([
                ctx.button(
                    "admin-btn-panel-tls-public",
                    Action::Admin(AdminAction::AddPanelSelfSigned(false)),
                ),
                ctx.button(
                    "admin-btn-panel-tls-self-signed",
                    Action::Admin(AdminAction::AddPanelSelfSigned(true)),
                ),
            ])
            .row([ctx.button("btn-cancel", Action::Admin(AdminAction::Panels))]);
        return Reply::send(ctx.t("admin-panel-add-tls"), Some(keyboard)).state(Conversation::Admin {
            step: AdminStep::PanelSelfSigned { url, username, spot },
        });
    }
    let text = format!(
        "{}\n\n{}",
        ctx.t("admin-panel-plain-http"),
        ctx.t("admin-panel-add-password")
    );
    Reply::send(text, Some(cancel(ctx))).state(Conversation::Admin {
        step: AdminStep::PanelPassword {
            url,
            username,
            spot,
            self_signed: false,
        },
    })
}

/// The certificate question was answered: ask for the password.
pub fn self_signed_picked(ctx: &Ctx<'_>, self_signed: bool) -> Reply {
    let Conversation::Admin {
        step: AdminStep::PanelSelfSigned { url, username, spot },
    } = ctx.state
    else {
        return expired(ctx);
    };
    Reply::show(ctx.t("admin-panel-add-password"), cancel(ctx)).state(Conversation::Admin {
        step: AdminStep::PanelPassword {
            url: url.clone(),
            username: username.clone(),
            spot: spot.clone(),
            self_signed,
        },
    })
}

/// What the chat collected, as the use case's request; `None` if it no longer parses (a
/// location removed meanwhile is caught by the use case).
fn request(url: &str, username: &str, spot: &PanelSpot, self_signed: bool, secrets: &str) -> Option<PanelRequest> {
    let url = PanelUrl::new(url).ok()?;
    let mut lines = secrets.lines().map(str::trim).filter(|l| !l.is_empty());
    let password = lines.next()?;
    let two_factor = lines.next();
    let placement = match spot {
        PanelSpot::Existing { id } => PanelPlacement::Existing(LocationId::new(*id)),
        PanelSpot::New { name, prefix } => PanelPlacement::New(NewLocation {
            name: DisplayName::new(name).ok()?,
            prefix: LocationPrefix::new(prefix).ok()?,
        }),
    };
    Some(PanelRequest {
        name: url.default_name(),
        url,
        username: username.to_owned(),
        password: Secret::new(password),
        api_token: None,
        two_factor_secret: two_factor.map(Secret::new),
        allow_insecure_tls: self_signed,
        placement,
        generation: None,
    })
}

/// The password arrived: its message is deleted, the panel is logged in to and, if that
/// works, saved and read; otherwise nothing is saved and the password is asked again.
pub async fn password_typed(
    ctx: &Ctx<'_>,
    url: &str,
    username: &str,
    spot: &PanelSpot,
    self_signed: bool,
    text: &str,
) -> Result<Reply, BotError> {
    let Some(request) = request(url, username, spot, self_signed, text) else {
        return Ok(Reply::send(ctx.t("admin-panel-add-password-empty"), Some(cancel(ctx))).forget_input());
    };
    let connected = match ctx.deps.fleet.add_panel_as(ctx.user.id, &request).await {
        Ok(connected) => connected,
        Err(e @ InventoryError::Access(_)) => return Ok(refusal::inventory(ctx, e)?.forget_input()),
        Err(e) => {
            let text = ctx.t_args(
                "admin-panel-add-failed",
                &Args::new().html("why", super::explain::inventory(ctx, &e)),
            );
            return Ok(Reply::send(text, Some(cancel(ctx))).forget_input());
        }
    };
    let panel = &connected.panel;
    let mut lines = vec![
        ctx.t_args(
            "admin-panel-add-done",
            &Args::new()
                .text("name", panel.name.to_string())
                .text("generation", connected.generation.as_str()),
        ),
    ];
    match &connected.sync {
        Ok(report) => lines.push(ctx.t_args(
            "admin-panel-add-inbounds",
            &Args::new().number("inbounds", i64::try_from(report.inbounds.added).unwrap_or(i64::MAX)),
        )),
        Err(e) => lines.push(ctx.t_args(
            "admin-panel-action-failed",
            &Args::new().html("why", super::explain::inventory(ctx, e)),
        )),
    }
    let keyboard = Keyboard::new()
        .row([ctx.button_text(
            format!("🟢 {}", panel.name),
            Action::Admin(AdminAction::Panel(panel.id)),
        )])
        .row([
            ctx.button("admin-btn-back-panels", Action::Admin(AdminAction::Panels)),
            home::back_button(ctx),
        ]);
    Ok(Reply::send(lines.join("\n"), Some(keyboard))
        .forget_input()
        .state(Conversation::Idle))
}
