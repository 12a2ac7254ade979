//! Writing to one user from their profile (✉️ Message): the admin types the text, sees it
//! exactly as the user will get it (in the user's language) with Send and Cancel, and Send
//! calls `MessageService::message_user` — the use case `moonvpn user message` calls (admins
//! only, audited `user.message`, delivered by the outbox). A user who blocked the bot is
//! refused before anything is typed.

use kernel::UserId;
use members::User;
use notify::message::MessageTextError;
use notify::{MessageError, MessageText, Notice};

use super::{AdminStep, users};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, OpsAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

fn cancel_row(ctx: &Ctx<'_>, user: UserId) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::User(user)))])
}

/// A refusal of the use case as the profile with a note (nothing was sent), or a toast.
async fn refused(ctx: &Ctx<'_>, user: UserId, e: MessageError) -> Result<Reply, BotError> {
    let note = match e {
        MessageError::BotBlocked(_) => ctx.t("admin-message-bot-blocked"),
        MessageError::UnknownUser(_) => {
            return Ok(Reply::none().toast(ctx.t("admin-user-gone")).state(Conversation::Idle));
        }
        MessageError::Access(_) => {
            return Ok(crate::bot::screens::not_yours(ctx).state(Conversation::Idle));
        }
        other => return Err(other.into()),
    };
    Ok(users::profile(ctx, user, Some(note)).await?.state(Conversation::Idle))
}

/// Asks for the text (after checking the user can be reached).
pub async fn ask(ctx: &Ctx<'_>, user: UserId) -> Result<Reply, BotError> {
    let target = match ctx.deps.messages.recipient(ctx.user.id, user).await {
        Ok(target) => target,
        Err(e) => return refused(ctx, user, e).await,
    };
    let text = ctx.t_args(
        "admin-message-ask",
        &Args::new()
            .text("name", target.first_name.to_string())
            .number("max", notify::message::MAX_MESSAGE_CHARS as i64),
    );
    Ok(Reply::show(text, cancel_row(ctx, user)).state(Conversation::Admin {
        step: AdminStep::MessageText { user: user.get() },
    }))
}

/// The message as `target` will get it: the notice rendered in their language.
fn as_delivered(ctx: &Ctx<'_>, target: &User, text: &MessageText) -> String {
    let notice = Notice::AdminMessage {
        text: text.as_str().to_owned(),
    };
    crate::notifier::render(&ctx.deps.i18n, target.language, &notice)
}

/// The text arrived: the preview and Send / Cancel, or why it cannot be sent.
pub async fn text_typed(ctx: &Ctx<'_>, user: UserId, typed: &str) -> Result<Reply, BotError> {
    let text = match MessageText::parse(typed) {
        Ok(text) => text,
        Err(e) => {
            let why = match e {
                MessageTextError::Empty => ctx.t("admin-message-empty"),
                MessageTextError::TooLong { chars } => ctx.t_args(
                    "admin-message-too-long",
                    &Args::new()
                        .number("chars", chars as i64)
                        .number("max", notify::message::MAX_MESSAGE_CHARS as i64),
                ),
            };
            return Ok(Reply::send(why, Some(cancel_row(ctx, user))));
        }
    };
    let target = match ctx.deps.messages.recipient(ctx.user.id, user).await {
        Ok(target) => target,
        Err(e) => return refused(ctx, user, e).await,
    };
    let question = ctx.t_args(
        "admin-message-confirm",
        &Args::new()
            .text("name", target.first_name.to_string())
            .text("language", ctx.t(&format!("btn-lang-{}", target.language.code()))),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button("admin-btn-message-send", Action::Ops(OpsAction::MessageSend(user)))])
        .row([ctx.button("btn-cancel", Action::Admin(AdminAction::User(user)))]);
    Ok(Reply::send(as_delivered(ctx, &target, &text), None)
        .and_send(question, Some(keyboard))
        .state(Conversation::Admin {
            step: AdminStep::MessageConfirm {
                user: user.get(),
                text: text.as_str().to_owned(),
            },
        }))
}

/// Send was tapped: queue the message shown for confirmation (once) and show the profile with
/// the result. A tap on a confirmation that is no longer the open one changes nothing.
pub async fn send(ctx: &Ctx<'_>, user: UserId) -> Result<Reply, BotError> {
    let Conversation::Admin {
        step: AdminStep::MessageConfirm { user: pending, text },
    } = ctx.state
    else {
        return Ok(Reply::none().toast(ctx.t("admin-message-expired")));
    };
    if *pending != user.get() {
        return Ok(Reply::none().toast(ctx.t("admin-message-expired")));
    }
    let text = match MessageText::parse(text) {
        Ok(text) => text,
        Err(_) => {
            return Ok(Reply::none()
                .toast(ctx.t("admin-message-expired"))
                .state(Conversation::Idle));
        }
    };
    match ctx.deps.messages.message_user(ctx.user.id, user, text).await {
        Ok(target) => {
            let note = ctx.t_args(
                "admin-message-sent",
                &Args::new().text("name", target.first_name.to_string()),
            );
            Ok(users::profile(ctx, user, Some(note)).await?.state(Conversation::Idle))
        }
        Err(e) => refused(ctx, user, e).await,
    }
}
