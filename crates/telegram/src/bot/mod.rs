//! The bot: turns each update into a screen and sends the answer.
//!
//! Flow of one input: resolve the user and load the chat's [`Conversation`] (one read for a
//! registered sender; `/start` registers, idempotently, and anyone else unknown is registered
//! too), route to a screen module (a typed [`Action`] from a button, a command, or text the
//! chat is waiting for), save the next state, then deliver the [`Reply`]: answer the button,
//! edit or send messages. A 403 while sending marks the user as having blocked the bot.
//!
//! Buttons are re-checked on every tap: the callback data must carry this chat's signature
//! (else "this button has expired" and nothing changes), and handlers re-check ownership and
//! role through the domain services.

pub mod admin;
mod context;
pub mod conversation;
mod deliver;
pub mod format;
pub mod input;
mod overflow;
pub mod pay;
mod reply;
pub mod screens;
pub mod topup;

use std::sync::Arc;

use async_trait::async_trait;
use frankenstein::updates::Update;
use inventory::{AccountService, FleetService, InventoryError, PlacementService};
use kernel::{Clock, TelegramId};
use members::{AccessError, Language, MemberError, MemberService, User};
use orders::{CatalogService, OrderError, OrderService};
use payments::{PaymentError, PaymentService};
use receipts::{ReceiptError, ReceiptService};
use wallet::{WalletError, WalletService};

pub use context::Ctx;
pub use conversation::{Conversation, Conversations, OrderTarget};
pub use input::{Event, Incoming, Input, PaidInvoice};
pub use reply::{Outgoing, Reply};

use crate::api::{ApiError, BotApi};
use crate::callback::{Action, CallbackCodec};
use crate::dispatch::UpdateHandler;
use crate::i18n::I18n;
use screens::{
    checkout, free_test, help, language, menu, moves, new_link, plans, renew, selection, services, settings, start,
    wallet as wallet_screen,
};

/// The commands in the bot's menu.
pub const COMMANDS: [&str; 4] = ["start", "menu", "help", "language"];

/// How long a screen may take before the tapped button is answered anyway (Telegram
/// drops answers after about 10–15 s; the user sees a spinner until then).
pub const EARLY_ANSWER: std::time::Duration = std::time::Duration::from_secs(4);

/// Settings the bot reads from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotSettings {
    /// `shop.name`, in the welcome text.
    pub shop_name: kernel::ShopName,
    /// How long a conversation state (waiting for an amount…) stays valid.
    pub conversation_ttl: time::Duration,
    /// Top-ups: preset amounts and the review channels.
    pub topup: topup::TopUpSettings,
    /// The longest a buyer waits for a delivery on the screen where they paid; a slower one
    /// goes on in the background and is announced by a message ([`BUYER_WAIT`] by default).
    pub buyer_wait: std::time::Duration,
}

/// How long a buyer waits for a delivery before being told it goes on in the background.
pub const BUYER_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

impl Default for BotSettings {
    fn default() -> Self {
        Self {
            shop_name: kernel::ShopName::default(),
            conversation_ttl: time::Duration::hours(24),
            topup: topup::TopUpSettings::default(),
            buyer_wait: BUYER_WAIT,
        }
    }
}

/// Everything the screens use.
pub struct BotDeps {
    /// The Bot API client.
    pub api: BotApi,
    /// The catalogs.
    pub i18n: Arc<I18n>,
    /// Signs and checks button data.
    pub codec: CallbackCodec,
    /// Users.
    pub members: Arc<MemberService>,
    /// Balances and history.
    pub wallet: Arc<WalletService>,
    /// Plans on sale and discount codes (read by the buying screens).
    pub catalog: Arc<CatalogService>,
    /// Orders: pricing, purchase and renewal checkout, the free test.
    pub orders: Arc<OrderService>,
    /// Panels and the admin's panel operations.
    pub fleet: Arc<FleetService>,
    /// Locations and inbounds (sale, capacity).
    pub placement: Arc<PlacementService>,
    /// The user's accounts, usage, new link (rekey), location switch, an admin's extension.
    pub accounts: Arc<AccountService>,
    /// Card-to-card requests, receipts and their review.
    pub receipts: Arc<ReceiptService>,
    /// Payments through providers (the enabled ones).
    pub payments: Arc<PaymentService>,
    /// Broadcast campaigns (the admin menu's Broadcasts).
    pub broadcasts: Arc<notify::broadcast::BroadcastService>,
    /// Admins writing to one user (a profile's ✉️ Message).
    pub messages: Arc<notify::MessageService>,
    /// Telegram Stars, when enabled (reads invoice payloads).
    pub stars: Option<Arc<crate::StarsGateway>>,
    /// The shop's numbers for the admins' Stats screen.
    pub stats: Arc<orders::StatsService>,
    /// Where each receipt was posted for review.
    pub receipt_posts: Arc<dyn telegram_state::ReceiptPostRepo>,
    /// Conversation state.
    pub conversations: Conversations,
    /// The sender and their chat's state in one read (every update from a registered user).
    pub sessions: Arc<dyn telegram_state::SessionRepo>,
    /// Now.
    pub clock: Arc<dyn Clock>,
    /// Settles the outbox notice of an order outcome a screen has shown (told once).
    pub shown_inline: notify::ShownInline,
    /// Which reminders a user muted (the Settings screen).
    pub reminders: notify::ReminderService,
    /// Config values.
    pub settings: BotSettings,
}

/// Why a screen could not be shown; the user sees a polite message, the log the cause.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    /// A members use case failed.
    #[error(transparent)]
    Members(#[from] MemberError),
    /// A wallet use case failed.
    #[error(transparent)]
    Wallet(#[from] WalletError),
    /// An orders use case failed.
    #[error(transparent)]
    Orders(#[from] OrderError),
    /// An inventory use case failed.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// A receipts use case failed.
    #[error(transparent)]
    Receipts(#[from] ReceiptError),
    /// A payments use case failed.
    #[error(transparent)]
    Payments(#[from] PaymentError),
    /// A notify use case (reminder settings) failed.
    #[error(transparent)]
    Notify(#[from] notify::NotifyError),
    /// A broadcasts use case failed.
    #[error(transparent)]
    Broadcasts(#[from] notify::broadcast::BroadcastError),
    /// The message-one-user use case failed.
    #[error(transparent)]
    Messages(#[from] notify::MessageError),
}

impl BotError {
    /// The catalog key of what the user is told.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Members(MemberError::Blocked) | Self::Wallet(WalletError::Access(AccessError::Blocked)) => {
                "error-blocked"
            }
            Self::Orders(OrderError::NotYours) => "toast-not-allowed",
            Self::Inventory(e) if e.is_retryable() || matches!(e, InventoryError::Panel(_)) => "error-panel",
            Self::Orders(OrderError::Inventory(_)) => "error-panel",
            Self::Receipts(ReceiptError::Blocked) => "error-blocked",
            _ => "error-generic",
        }
    }
}

/// The bot's update handler. Cheap to clone.
#[derive(Clone)]
pub struct Bot {
    deps: Arc<BotDeps>,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot")
            .field("api", &self.deps.api)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl UpdateHandler for Bot {
    async fn handle(&self, update: Update) {
        match input::parse(&update) {
            Event::Incoming(incoming) => self.incoming(incoming).await,
            Event::BlockedBot(id) => self.bot_blocked(id, true).await,
            Event::UnblockedBot(id) => self.bot_blocked(id, false).await,
            Event::PreCheckout {
                query_id,
                language,
                from,
                invoice,
            } => pay::stars::pre_checkout(&self.deps, &query_id, language, from, &invoice).await,
            Event::Ignored => {}
        }
    }
}

impl Bot {
    /// The bot over `deps`.
    pub fn new(deps: BotDeps) -> Self {
        Self { deps: Arc::new(deps) }
    }

    /// The dependencies.
    pub fn deps(&self) -> &BotDeps {
        &self.deps
    }

    /// Publishes the command menu (`/start`, `/menu`, `/help`, `/language`) in every
    /// language; English is also the default for other app languages.
    pub async fn publish_commands(&self) -> Result<(), ApiError> {
        let i18n = &self.deps.i18n;
        for lang in Language::ALL {
            let commands = COMMANDS
                .iter()
                .map(|command| (*command, i18n.t(*lang, &format!("cmd-{command}"))))
                .collect::<Vec<_>>();
            self.deps.api.set_commands(&commands, Some(lang.code())).await?;
            if *lang == Language::En {
                self.deps.api.set_commands(&commands, None).await?;
            }
        }
        Ok(())
    }

    async fn bot_blocked(&self, id: TelegramId, blocked: bool) {
        match self.deps.members.find_by_telegram(id).await {
            Ok(Some(user)) => {
                if let Err(e) = self.deps.members.mark_bot_blocked(user.id, blocked).await {
                    tracing::warn!(error = %e, "cannot record that the user blocked the bot");
                } else {
                    tracing::info!(user = %user.id, blocked, "user changed whether the bot may write");
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "cannot look the user up"),
        }
    }

    /// Finds or registers the sender and loads their chat's state: one read for a registered
    /// sender. An unknown sender is registered; `/start` also refreshes a changed profile
    /// (name, username, a superadmin's role, having blocked the bot).
    async fn open(
        &self,
        incoming: &Incoming,
        now: time::OffsetDateTime,
    ) -> Result<(User, bool, conversation::Loaded), MemberError> {
        let deps = &*self.deps;
        let is_start = matches!(&incoming.input, Input::Command { name, .. } if name == "start");
        if let Some(session) = deps.sessions.open(incoming.from.telegram_id, incoming.chat).await?
            && (!is_start || deps.members.is_registered_as(&session.user, &incoming.from))
        {
            if session.user.bot_blocked {
                deps.members.mark_bot_blocked(session.user.id, false).await?;
            }
            let loaded = deps.conversations.loaded(incoming.chat, session.conversation, now);
            return Ok((session.user, false, loaded));
        }
        let registration = deps.members.register(incoming.from.clone()).await?;
        if registration.created {
            tracing::info!(user = %registration.user.id, "new user registered");
        }
        let loaded = deps.conversations.load(incoming.chat, now).await;
        Ok((registration.user, registration.created, loaded))
    }

    async fn incoming(&self, incoming: Incoming) {
        let deps = &*self.deps;
        let (query_id, origin) = match &incoming.input {
            Input::Callback {
                query_id, message_id, ..
            } => (Some(query_id.clone()), *message_id),
            _ => (None, None),
        };
        let now = deps.clock.now();
        let (user, created, loaded) = match self.open(&incoming, now).await {
            Ok(found) => found,
            Err(e) => {
                tracing::error!(error = %e, "cannot register or find the user");
                let lang = incoming.from.language.unwrap_or(Language::En);
                let reply = Reply::send(deps.i18n.t(lang, "error-generic"), None);
                self.deliver(None, incoming.chat, None, query_id.as_deref(), reply)
                    .await;
                return;
            }
        };
        let ctx = Ctx {
            deps,
            user: &user,
            role: deps.members.effective_role(&user),
            chat: incoming.chat,
            lang: user.language,
            state: &loaded.state,
            origin,
        };
        let mut query = query_id.clone();
        if let (Some(id), Input::Callback { data, .. }) = (&query_id, &incoming.input)
            && !user.is_blocked()
            && deps.codec.decode(incoming.chat, data).is_ok_and(|a| {
                a.answers_early()
                    && (ctx.role.is_staff()
                        || !matches!(
                            a,
                            Action::Admin(_)
                                | Action::Ops(_)
                                | Action::Broadcast(_)
                                | Action::Catalog(_)
                                | Action::Inbound(_)
                                | Action::Orders(_)
                        ))
            })
        {
            // A payment or a panel change: stop the spinner now, the result follows.
            match deps
                .api
                .answer_callback(id, Some(&ctx.t("toast-processing")), false)
                .await
            {
                Ok(()) => query = None,
                Err(e) => tracing::warn!(error = %e, "cannot answer the button early"),
            }
        }
        let routed = route(&ctx, &incoming.input, created);
        tokio::pin!(routed);
        let result = match query.clone() {
            Some(id) => tokio::select! {
                result = &mut routed => result,
                () = tokio::time::sleep(EARLY_ANSWER) => {
                    // A slow screen: stop the spinner now; its toast, if any, is dropped.
                    if let Err(e) = deps.api.answer_callback(&id, None, false).await {
                        tracing::warn!(error = %e, "cannot answer the button early");
                    }
                    query = None;
                    routed.await
                }
            },
            None => routed.await,
        };
        let mut reply = match result {
            Ok(reply) => reply,
            Err(e) => {
                tracing::error!(error = %e, "screen failed");
                let text = ctx.t(e.message_key());
                if query.is_some() {
                    Reply::none().toast(text)
                } else {
                    Reply::send(text, Some(menu::keyboard(&ctx)))
                }
            }
        };
        if query_id.is_some() && query.is_none() && reply.messages.is_empty() {
            // The button was answered already: a toast would be lost, so it becomes a message.
            if let Some(toast) = reply.toast.take() {
                reply = reply.and_send(toast, Some(ctx.back_to_menu()));
            }
        }
        if let Some(next) = &reply.next {
            deps.conversations.save(incoming.chat, &loaded, next, now).await;
        }
        if reply.forget_input
            && let Some(message_id) = incoming.message_id
            && let Err(e) = deps.api.delete_message(incoming.chat.get(), message_id).await
        {
            tracing::warn!(error = %e, "cannot delete a message that held a secret");
        }
        self.deliver(Some(&user), incoming.chat, origin, query.as_deref(), reply)
            .await;
    }
}

/// Picks the screen for an input.
async fn route(ctx: &Ctx<'_>, input: &Input, created: bool) -> Result<Reply, BotError> {
    // A payment that arrived is credited whoever sent it.
    let open_to_blocked = matches!(input, Input::Command { name, .. } if name == "start" || name == "help")
        || matches!(input, Input::Paid(_));
    if ctx.user.is_blocked() && !open_to_blocked {
        let text = ctx.t("error-blocked");
        return Ok(match input {
            Input::Callback { .. } => Reply::none().toast(text),
            _ => Reply::send(text, None),
        });
    }
    match input {
        Input::Command { name, .. } => Ok(match name.as_str() {
            "start" => start::show(ctx, created).await.state(Conversation::Idle),
            "menu" | "cancel" => menu::show(ctx).state(Conversation::Idle),
            "help" => help::show(ctx).await?,
            "language" => language::show(ctx),
            "admin" => return admin::command(ctx).await,
            _ => unknown(ctx),
        }),
        Input::Text(text) => match *ctx.state {
            Conversation::TopUpAmount => Ok(wallet_screen::amount_typed(ctx, text)),
            Conversation::DiscountCode { order } => checkout::code_typed(ctx, order, text).await,
            Conversation::Volume { plan, target } => selection::volume_typed(ctx, plan, target, text).await,
            Conversation::Days { plan, target, gb } => selection::days_typed(ctx, plan, target, gb, text).await,
            Conversation::ReceiptProof { receipt } => topup::proof::text(ctx, receipt, text).await,
            Conversation::RejectReason { receipt } => topup::review::reason_typed(ctx, receipt, text).await,
            Conversation::CreditAmount { receipt } => topup::review::amount_typed(ctx, receipt, text).await,
            Conversation::Admin { ref step } => admin::typed(ctx, step.clone(), text).await,
            Conversation::BankSms => topup::sms::typed(ctx, text).await,
            Conversation::Idle => topup::sms::idle(ctx, text).await,
        },
        Input::Paid(invoice) => pay::stars::paid(ctx, invoice).await,
        Input::Photo { file_id, .. } if admin::broadcasts::wants_photo(ctx.state).is_some() => {
            admin::broadcasts::photo(ctx, file_id).await
        }
        Input::Photo {
            file_id,
            unique_id,
            caption,
        } => topup::proof::photo(ctx, file_id, unique_id, caption.as_deref()).await,
        Input::Document => Ok(topup::proof::document(ctx)),
        Input::Other => Ok(topup::proof::other(ctx)),
        Input::Callback { data, .. } => match ctx.deps.codec.decode(ctx.chat, data) {
            Ok(action) => tap(ctx, action).await,
            Err(e) => {
                tracing::info!(error = %e, "stale or forged button");
                Ok(Reply::none().toast(ctx.t("toast-expired")))
            }
        },
    }
}

/// Picks the screen for a button. A tap leaves whatever the chat was waiting for, unless the
/// screen asks for input itself.
async fn tap(ctx: &Ctx<'_>, action: Action) -> Result<Reply, BotError> {
    let reply = match action {
        Action::Menu => menu::show(ctx),
        Action::Plans | Action::Plan(_) => plans::show(ctx).await?,
        Action::Location(location) => plans::at_location(ctx, location).await?,
        Action::Buy(plan, location) => plans::buy(ctx, plan, location).await?,
        Action::Order(order) => checkout::show(ctx, order).await?,
        Action::Pay(order) => checkout::pay(ctx, order).await?,
        Action::Discount(order) => checkout::ask_code(ctx, order).await?,
        Action::Services => services::list(ctx).await?,
        Action::Service(account) => services::show(ctx, account).await?,
        Action::Qr(account) => services::qr(ctx, account).await?,
        Action::Renew(account) => renew::show(ctx, account).await?,
        Action::RenewWith(account, plan) => renew::with_plan(ctx, account, plan).await?,
        Action::NewLink(account) => new_link::confirm(ctx, account).await?,
        Action::NewLinkConfirmed(account) => new_link::run(ctx, account).await?,
        Action::Move(account) => moves::destinations(ctx, account).await?,
        Action::MoveTo(account, location) => moves::confirm(ctx, account, location).await?,
        Action::MoveConfirmed(account, location) => moves::run(ctx, account, location).await?,
        Action::FreeTest => free_test::show(ctx).await?,
        Action::ClaimTest(plan, location) => free_test::claim(ctx, plan, location).await?,
        Action::Wallet => wallet_screen::show(ctx).await?,
        Action::History(page) => wallet_screen::history(ctx, page).await?,
        Action::TopUp => wallet_screen::ask_amount(ctx),
        Action::Card(action) => topup::tap(ctx, action).await?,
        Action::Help => help::show(ctx).await?,
        Action::Languages => language::show(ctx),
        Action::SetLanguage(lang) => language::choose(ctx, lang).await?,
        Action::Settings => settings::show(ctx).await?,
        Action::ToggleReminder(kind) => settings::toggle(ctx, kind).await?,
        Action::Cancel => Reply::show(ctx.t("cancelled"), menu::keyboard(ctx)),
        Action::Admin(action) => admin::tap(ctx, action).await?,
        Action::Ops(action) => admin::ops::tap(ctx, action).await?,
        Action::Gateway(action) => pay::tap(ctx, action).await?,
        Action::Broadcast(action) => admin::broadcasts::tap(ctx, action).await?,
        Action::Catalog(action) => admin::catalog_tap(ctx, action).await?,
        Action::Inbound(action) => admin::inbound_tap(ctx, action).await?,
        Action::Orders(action) => admin::orders_tap(ctx, action).await?,
    };
    Ok(match reply.next {
        Some(_) => reply,
        None => reply.state(Conversation::Idle),
    })
}

pub(crate) fn unknown(ctx: &Ctx<'_>) -> Reply {
    Reply::send(ctx.t("unknown-input"), Some(menu::keyboard(ctx)))
}
