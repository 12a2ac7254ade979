//! Broadcasts in the admin menu: compose (text → optional photo → optional link button),
//! pick an audience, preview exactly what users will get, confirm with the recipient count,
//! then watch the progress the broadcast job keeps editing, with Pause, Resume and Cancel;
//! past campaigns with their results. Every step calls [`notify::broadcast::BroadcastService`],
//! which checks the admin role again and audits each change.

use kernel::CampaignId;
use members::{AuditAction, Language};
use notify::broadcast::{
    Audience, BroadcastError, BroadcastText, Campaign, CampaignStatus, Content, ContentError, PhotoId, ProgressMessage,
    UrlButton,
};

use super::AdminStep;
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::broadcast::view::Screen;
use crate::callback::BroadcastAction;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Campaigns listed on the Broadcasts screen.
const LISTED: u64 = 8;

fn screen<'a>(ctx: &'a Ctx<'_>) -> Screen<'a> {
    Screen {
        i18n: &ctx.deps.i18n,
        codec: &ctx.deps.codec,
        chat: ctx.chat,
        lang: ctx.lang,
    }
}

fn back(ctx: &Ctx<'_>) -> Keyboard {
    Keyboard::new().row([screen(ctx).button("bc-btn-back", BroadcastAction::Home)])
}

/// What a refused tap attempts, as the audit log names it.
fn attempt(action: BroadcastAction) -> AuditAction {
    use notify::broadcast as b;
    match action {
        BroadcastAction::Home | BroadcastAction::View(_) => b::VIEW,
        BroadcastAction::Start(_) => b::START,
        BroadcastAction::Pause(_) => b::PAUSE,
        BroadcastAction::Resume(_) => b::RESUME,
        BroadcastAction::Cancel(_) | BroadcastAction::CancelConfirmed(_) => b::CANCEL,
        _ => b::CREATE,
    }
}

/// A tapped broadcast button (admins only; anyone else is told it is not theirs).
pub async fn tap(ctx: &Ctx<'_>, action: BroadcastAction) -> Result<Reply, BotError> {
    if !super::allowed(ctx, &attempt(action)).await? {
        return Ok(crate::bot::screens::not_yours(ctx));
    }
    match action {
        BroadcastAction::Home => home(ctx).await,
        BroadcastAction::New => Ok(Reply::show(ctx.t("bc-ask-text"), back(ctx)).state(Conversation::Admin {
            step: AdminStep::BroadcastText,
        })),
        BroadcastAction::SkipPhoto(id) => Ok(ask_button(ctx, id, false)),
        BroadcastAction::SkipButton(id) | BroadcastAction::Audiences(id) => Ok(audiences(ctx, id, None, false)),
        BroadcastAction::Locations(id) => locations(ctx, id).await,
        BroadcastAction::Languages(id) => Ok(languages(ctx, id)),
        BroadcastAction::Pick(id, audience) => pick(ctx, id, audience).await,
        BroadcastAction::Start(id) => start(ctx, id).await,
        BroadcastAction::View(id) => view(ctx, id, None).await,
        BroadcastAction::Pause(id) => {
            let result = ctx.deps.broadcasts.pause(ctx.user.id, id).await;
            changed(ctx, id, result).await
        }
        BroadcastAction::Resume(id) => {
            let result = ctx.deps.broadcasts.resume(ctx.user.id, id).await;
            changed(ctx, id, result).await
        }
        BroadcastAction::Cancel(id) => cancel_ask(ctx, id).await,
        BroadcastAction::CancelConfirmed(id) => {
            let result = ctx.deps.broadcasts.cancel(ctx.user.id, id).await;
            changed(ctx, id, result).await
        }
    }
}

/// Past campaigns, newest first, and "New broadcast".
async fn home(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let campaigns = ctx.deps.broadcasts.list(ctx.user.id, LISTED).await?;
    let s = screen(ctx);
    let mut keyboard = Keyboard::new();
    for c in &campaigns {
        let label = ctx.label(
            "label-bc-line",
            &Args::new()
                .id("id", c.id.get())
                .text("status", s.status(c.status))
                .number("sent", i64::try_from(c.counts.sent).unwrap_or(i64::MAX))
                .number("total", i64::try_from(c.counts.total()).unwrap_or(i64::MAX)),
        );
        keyboard = keyboard.row([s.button_text(label, BroadcastAction::View(c.id))]);
    }
    let keyboard = keyboard
        .row([s.button("bc-btn-new", BroadcastAction::New)])
        .row([super::home::back_button(ctx)]);
    let title = if campaigns.is_empty() { "bc-empty" } else { "bc-title" };
    Ok(Reply::show(ctx.t(title), keyboard))
}

/// Whether the chat waits for a broadcast's photo, and for which draft.
pub fn wants_photo(state: &Conversation) -> Option<CampaignId> {
    match state {
        Conversation::Admin {
            step: AdminStep::BroadcastPhoto { campaign },
        } => Some(CampaignId::new(*campaign)),
        _ => None,
    }
}

/// Text typed while composing.
pub async fn typed(ctx: &Ctx<'_>, step: AdminStep, text: &str) -> Result<Reply, BotError> {
    match step {
        AdminStep::BroadcastText => text_typed(ctx, text).await,
        AdminStep::BroadcastPhoto { campaign } => {
            let keyboard = photo_keyboard(ctx, CampaignId::new(campaign));
            Ok(Reply::send(ctx.t("bc-expect-photo"), Some(keyboard)))
        }
        AdminStep::BroadcastButton { campaign } => button_typed(ctx, CampaignId::new(campaign), text).await,
        _ => Ok(crate::bot::unknown(ctx)),
    }
}

fn content_refusal(ctx: &Ctx<'_>, e: &ContentError) -> String {
    match e {
        ContentError::EmptyText => ctx.t("bc-text-empty"),
        ContentError::TextTooLong { len, max } => ctx.t_args(
            "bc-text-too-long",
            &Args::new()
                .number("len", i64::try_from(*len).unwrap_or(i64::MAX))
                .number("max", i64::try_from(*max).unwrap_or(i64::MAX)),
        ),
        ContentError::BadLabel | ContentError::BadUrl => ctx.t("bc-button-bad"),
        ContentError::BadPhoto => ctx.t("bc-expect-photo"),
    }
}

/// The text: a draft is stored (audience "everyone" until one is picked), then the photo
/// question. A bad text is explained and asked for again.
async fn text_typed(ctx: &Ctx<'_>, raw: &str) -> Result<Reply, BotError> {
    let text = match BroadcastText::parse(raw) {
        Ok(text) => text,
        Err(e) => return Ok(Reply::send(content_refusal(ctx, &e), Some(back(ctx)))),
    };
    let content = Content::new(text, None, None).map_err(BroadcastError::from)?;
    let draft = ctx
        .deps
        .broadcasts
        .create_draft(ctx.user.id, content, Audience::All)
        .await?;
    Ok(
        Reply::send(ctx.t("bc-ask-photo"), Some(photo_keyboard(ctx, draft.id))).state(Conversation::Admin {
            step: AdminStep::BroadcastPhoto {
                campaign: draft.id.get(),
            },
        }),
    )
}

fn photo_keyboard(ctx: &Ctx<'_>, id: CampaignId) -> Keyboard {
    let s = screen(ctx);
    Keyboard::new()
        .row([s.button("bc-btn-skip-photo", BroadcastAction::SkipPhoto(id))])
        .row([s.button("bc-btn-cancel", BroadcastAction::Cancel(id))])
}

/// A draft the admin is composing (gone or no longer a draft: the campaign's screen).
async fn draft(ctx: &Ctx<'_>, id: CampaignId) -> Result<Result<Campaign, Reply>, BotError> {
    match ctx.deps.broadcasts.get(ctx.user.id, id).await {
        Ok(c) if c.status == CampaignStatus::Draft => Ok(Ok(c)),
        Ok(_) => Ok(Err(view(ctx, id, None).await?)),
        Err(BroadcastError::NotFound(_)) => Ok(Err(gone(ctx))),
        Err(e) => Err(e.into()),
    }
}

/// A photo sent while the photo is asked for.
pub async fn photo(ctx: &Ctx<'_>, file_id: &str) -> Result<Reply, BotError> {
    let Some(id) = wants_photo(ctx.state) else {
        return Ok(crate::bot::unknown(ctx));
    };
    if !super::allowed(ctx, &notify::broadcast::CREATE).await? {
        return Ok(super::refused_input(ctx));
    }
    let campaign = match draft(ctx, id).await? {
        Ok(c) => c,
        Err(reply) => return Ok(reply.state(Conversation::Idle)),
    };
    let Ok(photo) = PhotoId::parse(file_id) else {
        return Ok(Reply::send(ctx.t("bc-expect-photo"), Some(photo_keyboard(ctx, id))));
    };
    let content = match Content::new(campaign.content.text().clone(), Some(photo), None) {
        Ok(content) => content,
        Err(ContentError::TextTooLong { len, max }) => {
            let text = ctx.t_args(
                "bc-photo-too-long",
                &Args::new()
                    .number("len", i64::try_from(len).unwrap_or(i64::MAX))
                    .number("max", i64::try_from(max).unwrap_or(i64::MAX)),
            );
            return Ok(Reply::send(text, Some(photo_keyboard(ctx, id))));
        }
        Err(e) => return Ok(Reply::send(content_refusal(ctx, &e), Some(photo_keyboard(ctx, id)))),
    };
    ctx.deps
        .broadcasts
        .edit_draft(ctx.user.id, id, content, campaign.audience)
        .await?;
    Ok(ask_button(ctx, id, true))
}

/// "Add a link button?" (`typed`: answer a message with a new one instead of editing).
fn ask_button(ctx: &Ctx<'_>, id: CampaignId, typed: bool) -> Reply {
    let s = screen(ctx);
    let keyboard = Keyboard::new()
        .row([s.button("bc-btn-skip-button", BroadcastAction::SkipButton(id))])
        .row([s.button("bc-btn-cancel", BroadcastAction::Cancel(id))]);
    let text = ctx.t("bc-ask-button");
    let reply = if typed {
        Reply::send(text, Some(keyboard))
    } else {
        Reply::show(text, keyboard)
    };
    reply.state(Conversation::Admin {
        step: AdminStep::BroadcastButton { campaign: id.get() },
    })
}

/// `Label | https://…`: the button is kept, then the audience picker.
async fn button_typed(ctx: &Ctx<'_>, id: CampaignId, raw: &str) -> Result<Reply, BotError> {
    let campaign = match draft(ctx, id).await? {
        Ok(c) => c,
        Err(reply) => return Ok(reply.state(Conversation::Idle)),
    };
    let parsed = raw
        .split_once('|')
        .ok_or(ContentError::BadUrl)
        .and_then(|(label, url)| UrlButton::parse(label, url));
    let button = match parsed {
        Ok(button) => button,
        Err(e) => {
            let keyboard = Keyboard::new()
                .row([screen(ctx).button("bc-btn-skip-button", BroadcastAction::SkipButton(id))])
                .row([screen(ctx).button("bc-btn-cancel", BroadcastAction::Cancel(id))]);
            return Ok(Reply::send(content_refusal(ctx, &e), Some(keyboard)));
        }
    };
    let content = Content::new(
        campaign.content.text().clone(),
        campaign.content.photo().cloned(),
        Some(button),
    )
    .map_err(BroadcastError::from)?;
    ctx.deps
        .broadcasts
        .edit_draft(ctx.user.id, id, content, campaign.audience)
        .await?;
    Ok(audiences(ctx, id, None, true).state(Conversation::Idle))
}

/// The audience picker, with `note` (an empty audience) above the question.
fn audiences(ctx: &Ctx<'_>, id: CampaignId, note: Option<String>, typed: bool) -> Reply {
    let s = screen(ctx);
    let pick = |key: &str, audience: Audience| s.button(key, BroadcastAction::Pick(id, audience));
    let keyboard = Keyboard::new()
        .row([pick("bc-aud-all", Audience::All)])
        .row([
            pick("bc-aud-active", Audience::Active),
            pick("bc-aud-expired", Audience::Expired),
        ])
        .row([pick("bc-aud-never", Audience::NeverBought)])
        .row([
            s.button("bc-aud-by-location", BroadcastAction::Locations(id)),
            s.button("bc-aud-by-language", BroadcastAction::Languages(id)),
        ])
        .row([s.button("bc-btn-cancel", BroadcastAction::Cancel(id))]);
    let question = ctx.t("bc-ask-audience");
    let text = match note {
        Some(note) => format!("{note}\n\n{question}"),
        None => question,
    };
    if typed {
        Reply::send(text, Some(keyboard))
    } else {
        Reply::show(text, keyboard)
    }
}

fn other_audience(ctx: &Ctx<'_>, id: CampaignId) -> crate::keyboard::Button {
    screen(ctx).button("bc-btn-other-audience", BroadcastAction::Audiences(id))
}

async fn locations(ctx: &Ctx<'_>, id: CampaignId) -> Result<Reply, BotError> {
    let locations = ctx.deps.placement.locations().await?;
    let s = screen(ctx);
    let mut keyboard = Keyboard::new();
    for location in &locations {
        keyboard = keyboard.row([s.button_text(
            location.name.to_string(),
            BroadcastAction::Pick(id, Audience::Location(location.id)),
        )]);
    }
    let keyboard = keyboard.row([other_audience(ctx, id)]);
    let key = if locations.is_empty() {
        "bc-no-locations"
    } else {
        "bc-ask-location"
    };
    Ok(Reply::show(ctx.t(key), keyboard))
}

fn languages(ctx: &Ctx<'_>, id: CampaignId) -> Reply {
    let s = screen(ctx);
    let keyboard = Keyboard::new()
        .row(Language::ALL.iter().map(|lang| {
            s.button(
                &format!("btn-lang-{}", lang.code()),
                BroadcastAction::Pick(id, Audience::Language(*lang)),
            )
        }))
        .row([other_audience(ctx, id)]);
    Reply::show(ctx.t("bc-ask-language"), keyboard)
}

async fn location_name(ctx: &Ctx<'_>, audience: Audience) -> Option<String> {
    match audience {
        Audience::Location(id) => ctx.deps.placement.location(id).await.ok().map(|l| l.name.to_string()),
        _ => None,
    }
}

/// An audience picked: the message exactly as users will get it, then the confirmation with
/// the number of recipients. Nobody in it: the picker again, saying so.
async fn pick(ctx: &Ctx<'_>, id: CampaignId, audience: Audience) -> Result<Reply, BotError> {
    let campaign = match draft(ctx, id).await? {
        Ok(c) => c,
        Err(reply) => return Ok(reply),
    };
    let campaign = ctx
        .deps
        .broadcasts
        .edit_draft(ctx.user.id, id, campaign.content, audience)
        .await?;
    let count = ctx.deps.broadcasts.audience_size(ctx.user.id, audience).await?;
    let location = location_name(ctx, audience).await;
    let who = screen(ctx).audience(audience, location.as_deref());
    if count == 0 {
        let note = ctx.t_args("bc-empty-audience", &Args::new().text("audience", who));
        return Ok(audiences(ctx, id, Some(note), false));
    }
    let (text, buttons) = crate::broadcast::message(&campaign.content);
    let preview = match campaign.content.photo() {
        Some(photo) => Reply::none().and_shared_photo(photo.as_str().to_owned(), Some(text), buttons),
        None => Reply::none().and_send(text, buttons),
    };
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    let confirm = format!(
        "{}\n\n{}",
        ctx.t("bc-preview-above"),
        ctx.t_args("bc-confirm", &Args::new().text("audience", who).number("count", count))
    );
    let s = screen(ctx);
    let keyboard = Keyboard::new()
        .row([s.button_text(
            ctx.label("label-bc-send", &Args::new().number("count", count)),
            BroadcastAction::Start(id),
        )])
        .row([other_audience(ctx, id)])
        .row([s.button("bc-btn-cancel", BroadcastAction::Cancel(id))]);
    Ok(preview.and_send(confirm, Some(keyboard)))
}

/// Confirmed: the campaign starts and this message becomes its progress, which the
/// broadcast job keeps editing.
async fn start(ctx: &Ctx<'_>, id: CampaignId) -> Result<Reply, BotError> {
    match ctx.deps.broadcasts.start(ctx.user.id, id).await {
        Ok(_) => view(ctx, id, None).await,
        Err(BroadcastError::EmptyAudience) => {
            let campaign = ctx.deps.broadcasts.get(ctx.user.id, id).await?;
            let location = location_name(ctx, campaign.audience).await;
            let who = screen(ctx).audience(campaign.audience, location.as_deref());
            let note = ctx.t_args("bc-empty-audience", &Args::new().text("audience", who));
            Ok(audiences(ctx, id, Some(note), false))
        }
        Err(e) => changed(ctx, id, Err(e)).await,
    }
}

/// A campaign's screen; while it runs or is paused, this message is where the job shows its
/// progress from now on.
async fn view(ctx: &Ctx<'_>, id: CampaignId, toast: Option<String>) -> Result<Reply, BotError> {
    let campaign = match ctx.deps.broadcasts.get(ctx.user.id, id).await {
        Ok(c) => c,
        Err(BroadcastError::NotFound(_)) => return Ok(gone(ctx)),
        Err(e) => return Err(e.into()),
    };
    if matches!(campaign.status, CampaignStatus::Running | CampaignStatus::Paused)
        && let Some(message_id) = ctx.origin
    {
        let message = ProgressMessage {
            chat: ctx.chat.get(),
            message_id: i64::from(message_id),
        };
        ctx.deps.broadcasts.watch_in(ctx.user.id, id, message).await?;
    }
    let location = location_name(ctx, campaign.audience).await;
    let (text, keyboard) = screen(ctx).campaign(&campaign, location.as_deref(), ctx.deps.clock.now());
    let reply = Reply::show(text, keyboard);
    Ok(match toast {
        Some(toast) => reply.toast(toast),
        None => reply,
    })
}

/// After Pause, Resume or Cancel: the campaign's screen; a change its status no longer
/// allows (a second tap, another admin first) changes nothing and says so.
async fn changed(ctx: &Ctx<'_>, id: CampaignId, result: Result<Campaign, BroadcastError>) -> Result<Reply, BotError> {
    match result {
        Ok(_) => view(ctx, id, None).await,
        Err(BroadcastError::Transition(refused)) => {
            let status = screen(ctx).status(refused.from);
            let toast = ctx.t_args("bc-not-now", &Args::new().text("status", status));
            view(ctx, id, Some(toast)).await
        }
        Err(BroadcastError::NotFound(_)) => Ok(gone(ctx)),
        Err(e) => Err(e.into()),
    }
}

async fn cancel_ask(ctx: &Ctx<'_>, id: CampaignId) -> Result<Reply, BotError> {
    let campaign = match ctx.deps.broadcasts.get(ctx.user.id, id).await {
        Ok(c) => c,
        Err(BroadcastError::NotFound(_)) => return Ok(gone(ctx)),
        Err(e) => return Err(e.into()),
    };
    if campaign.status.is_final() {
        return changed(
            ctx,
            id,
            Err(notify::broadcast::InvalidTransition {
                from: campaign.status,
                action: notify::broadcast::CampaignAction::Cancel,
            }
            .into()),
        )
        .await;
    }
    let pending = if campaign.status == CampaignStatus::Draft {
        ctx.deps
            .broadcasts
            .audience_size(ctx.user.id, campaign.audience)
            .await?
    } else {
        campaign.counts.pending
    };
    let s = screen(ctx);
    let text = ctx.t_args(
        "bc-cancel-ask",
        &Args::new()
            .id("id", id.get())
            .number("pending", i64::try_from(pending).unwrap_or(i64::MAX)),
    );
    let keyboard = Keyboard::new()
        .row([s.button("bc-btn-cancel-yes", BroadcastAction::CancelConfirmed(id))])
        .row([s.button("bc-btn-keep", BroadcastAction::View(id))]);
    Ok(Reply::show(text, keyboard).state(Conversation::Idle))
}

fn gone(ctx: &Ctx<'_>) -> Reply {
    Reply::show(ctx.t("bc-gone"), back(ctx))
}
