//! ⚙️ Shop settings (superadmins): the shop's name (read only, from the config file), the
//! support contact and the default language, each changed after a confirmation through
//! `MemberService::set_shop_setting_as` — the use case `moonvpn settings set` calls
//! (superadmins only, audited `settings.set`). An admin is told it needs a superadmin and the
//! attempt is audited; nothing changes.

use members::{Language, MemberError, MemberService, Role, ShopSetting, ShopSettingValue, ShopSettingsView};

use super::{AdminStep, home, refusal};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, OpsAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// "⚙️ Shop settings" on the admin menu, for superadmins only.
pub fn entry(ctx: &Ctx<'_>) -> Option<crate::keyboard::Button> {
    (ctx.role == Role::Superadmin).then(|| ctx.button("admin-btn-settings", Action::Ops(OpsAction::Settings)))
}

/// How a refusal is answered: a toast under a tapped button, a message for typed text.
#[derive(Clone, Copy)]
enum Via {
    Tap,
    Text,
}

/// `None` when the sender is a superadmin; else the refusal (audited as `attempt`).
async fn superadmin(ctx: &Ctx<'_>, attempt: &members::AuditAction, via: Via) -> Result<Option<Reply>, BotError> {
    match ctx.deps.members.authorize(ctx.user.id, Role::Superadmin, attempt).await {
        Ok(_) => Ok(None),
        Err(MemberError::Forbidden { .. }) => {
            let text = ctx.t("admin-need-superadmin");
            let reply = match via {
                Via::Tap => Reply::none().toast(text),
                Via::Text => Reply::send(text, None),
            };
            Ok(Some(reply.state(Conversation::Idle)))
        }
        Err(e) => Err(e.into()),
    }
}

fn back_to_settings(ctx: &Ctx<'_>, key: &str) -> Keyboard {
    Keyboard::new().row([ctx.button(key, Action::Ops(OpsAction::Settings))])
}

fn language_name(ctx: &Ctx<'_>, language: Language) -> String {
    ctx.t(&format!("btn-lang-{}", language.code()))
}

fn source(ctx: &Ctx<'_>, view: &ShopSettingsView, setting: ShopSetting) -> String {
    ctx.t(if view.is_set_at_run_time(setting) {
        "admin-settings-source-bot"
    } else {
        "admin-settings-source-config"
    })
}

fn contact_text(ctx: &Ctx<'_>, view: &ShopSettingsView) -> String {
    view.value(ShopSetting::SupportContact)
        .unwrap_or_else(|| ctx.t("admin-settings-no-contact"))
}

/// The settings in effect and where each comes from; `note` says what just happened.
fn render(ctx: &Ctx<'_>, view: &ShopSettingsView, note: Option<String>) -> Reply {
    let text = ctx.t_args(
        "admin-settings-title",
        &Args::new()
            .text("shop", ctx.deps.settings.shop_name.as_str())
            .text("contact", contact_text(ctx, view))
            .text("contact_source", source(ctx, view, ShopSetting::SupportContact))
            .text("language", language_name(ctx, view.default_language))
            .text("language_source", source(ctx, view, ShopSetting::DefaultLanguage)),
    );
    let text = match note {
        Some(note) => format!("{note}\n\n{text}"),
        None => text,
    };
    let keyboard = Keyboard::new()
        .row([ctx.button("admin-btn-settings-contact", Action::Ops(OpsAction::SettingsContact))])
        .row([ctx.button("admin-btn-settings-language", Action::Ops(OpsAction::SettingsLanguage))])
        .row([home::back_button(ctx)]);
    Reply::show(text, keyboard)
}

/// The settings screen.
pub async fn show(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    match ctx.deps.members.shop_settings_as(ctx.user.id).await {
        Ok(view) => Ok(render(ctx, &view, None)),
        Err(e @ MemberError::Forbidden { .. }) => refusal::member(ctx, e),
        Err(e) => Err(e.into()),
    }
}

/// Asks for the new support contact.
pub async fn ask_contact(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    if let Some(refused) = superadmin(ctx, &MemberService::SETTINGS_VIEW, Via::Tap).await? {
        return Ok(refused);
    }
    Ok(
        Reply::show(ctx.t("admin-settings-contact-ask"), back_to_settings(ctx, "btn-cancel")).state(
            Conversation::Admin {
                step: AdminStep::SupportContact,
            },
        ),
    )
}

/// The contact arrived: refuse it with the accepted forms, or show the change to confirm.
pub async fn contact_typed(ctx: &Ctx<'_>, text: &str) -> Result<Reply, BotError> {
    if let Some(refused) = superadmin(ctx, &MemberService::SETTINGS_SET, Via::Text).await? {
        return Ok(refused);
    }
    let contact = match ShopSettingValue::parse(ShopSetting::SupportContact, text) {
        Ok(value) => value.text(),
        Err(_) => {
            return Ok(Reply::send(
                ctx.t("admin-settings-contact-invalid"),
                Some(back_to_settings(ctx, "btn-cancel")),
            ));
        }
    };
    let view = ctx.deps.members.shop_settings().await?;
    let text = ctx.t_args(
        "admin-settings-contact-confirm",
        &Args::new()
            .text("from", contact_text(ctx, &view))
            .text("to", contact.as_str()),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button("admin-btn-settings-save", Action::Ops(OpsAction::SettingsContactSave))])
        .row([ctx.button("btn-cancel", Action::Ops(OpsAction::Settings))]);
    Ok(Reply::send(text, Some(keyboard)).state(Conversation::Admin {
        step: AdminStep::SupportContactConfirm { contact },
    }))
}

/// Text while the contact's confirmation is open: it stays open (the state is kept).
pub async fn text_at_confirmation(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    if let Some(refused) = superadmin(ctx, &MemberService::SETTINGS_SET, Via::Text).await? {
        return Ok(refused);
    }
    Ok(Reply::send(ctx.t("admin-settings-tap-confirm"), None))
}

/// Save was tapped under the contact shown for confirmation.
pub async fn save_contact(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    if let Some(refused) = superadmin(ctx, &MemberService::SETTINGS_SET, Via::Tap).await? {
        return Ok(refused);
    }
    let Conversation::Admin {
        step: AdminStep::SupportContactConfirm { contact },
    } = ctx.state
    else {
        return Ok(Reply::none().toast(ctx.t("admin-settings-expired")));
    };
    save(ctx, ShopSetting::SupportContact, contact).await
}

/// The language picker.
pub async fn pick_language(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    if let Some(refused) = superadmin(ctx, &MemberService::SETTINGS_VIEW, Via::Tap).await? {
        return Ok(refused);
    }
    let keyboard = Keyboard::new()
        .row(Language::ALL.iter().map(|language| {
            ctx.button_text(
                language_name(ctx, *language),
                Action::Ops(OpsAction::SettingsLanguagePick(*language)),
            )
        }))
        .row([ctx.button("btn-cancel", Action::Ops(OpsAction::Settings))]);
    Ok(Reply::show(ctx.t("admin-settings-language-ask"), keyboard))
}

/// A language was picked: ask before making it the default.
pub async fn confirm_language(ctx: &Ctx<'_>, language: Language) -> Result<Reply, BotError> {
    if let Some(refused) = superadmin(ctx, &MemberService::SETTINGS_VIEW, Via::Tap).await? {
        return Ok(refused);
    }
    let view = ctx.deps.members.shop_settings().await?;
    let text = ctx.t_args(
        "admin-settings-language-confirm",
        &Args::new()
            .text("from", language_name(ctx, view.default_language))
            .text("to", language_name(ctx, language)),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(
            "admin-btn-settings-save",
            Action::Ops(OpsAction::SettingsLanguageSave(language)),
        )])
        .row([ctx.button("btn-cancel", Action::Ops(OpsAction::Settings))]);
    Ok(Reply::show(text, keyboard))
}

/// Save was tapped under a language shown for confirmation.
pub async fn save_language(ctx: &Ctx<'_>, language: Language) -> Result<Reply, BotError> {
    save(ctx, ShopSetting::DefaultLanguage, language.code()).await
}

/// Changes `setting` to `text` through the use case and shows the settings with the outcome.
async fn save(ctx: &Ctx<'_>, setting: ShopSetting, text: &str) -> Result<Reply, BotError> {
    let value = match ShopSettingValue::parse(setting, text) {
        Ok(value) => value,
        Err(_) => return Ok(Reply::none().toast(ctx.t("admin-settings-expired"))),
    };
    match ctx.deps.members.set_shop_setting_as(ctx.user.id, value).await {
        Ok(view) => Ok(render(ctx, &view, Some(ctx.t("admin-settings-saved"))).state(Conversation::Idle)),
        Err(e @ MemberError::Forbidden { .. }) => Ok(refusal::member(ctx, e)?.state(Conversation::Idle)),
        Err(e) => Err(e.into()),
    }
}
