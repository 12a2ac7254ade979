//! Outbox delivery over Telegram: renders a [`Notice`] in the recipient's language and sends
//! it ([`notify::Notifier`] for the [`notify::OutboxDispatcher`]).

use std::sync::Arc;

use async_trait::async_trait;
use members::{Language, MemberService, User};
use notify::{DeliveryOutcome, Notice, Notifier, OutboxEntry, Recipient};

use crate::api::{ApiError, BotApi};
use crate::bot::admin::explain;
use crate::i18n::{Args, I18n};
use crate::limits;

/// Sends outbox notices to users and admins.
pub struct TelegramNotifier {
    api: BotApi,
    i18n: Arc<I18n>,
    members: Arc<MemberService>,
    wallet: Option<Arc<wallet::WalletService>>,
    codec: Option<crate::callback::CallbackCodec>,
    alert_channel: Option<i64>,
}

impl std::fmt::Debug for TelegramNotifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramNotifier")
            .field("api", &self.api)
            .finish_non_exhaustive()
    }
}

/// The text of `notice` in `lang`.
pub fn render(i18n: &I18n, lang: Language, notice: &Notice) -> String {
    match notice {
        Notice::WalletCredited { amount, tracking } => i18n.t_args(
            lang,
            "notice-wallet-credited",
            &Args::new().money("amount", *amount).text("tracking", tracking.as_str()),
        ),
        Notice::BalanceAdjusted {
            delta_minor,
            reason,
            tracking,
        } => {
            let key = if *delta_minor >= 0 {
                "notice-balance-increased"
            } else {
                "notice-balance-decreased"
            };
            let amount = kernel::Money::from_minor(delta_minor.saturating_abs()).unwrap_or(kernel::Money::ZERO);
            i18n.t_args(
                lang,
                key,
                &Args::new()
                    .money("amount", amount)
                    .text("reason", reason.as_str())
                    .text("tracking", tracking.as_str()),
            )
        }
        Notice::OrderFulfilled { order, tracking, .. } => {
            let (key, args) = order_ref(
                *order,
                tracking.as_deref(),
                "notice-order-fulfilled",
                "notice-order-fulfilled-code",
            );
            i18n.t_args(lang, key, &args)
        }
        Notice::OrderRefunded {
            order,
            tracking,
            amount,
            reason,
        } => {
            let (key, args) = order_ref(
                *order,
                tracking.as_deref(),
                "notice-order-refunded",
                "notice-order-refunded-code",
            );
            i18n.t_args(
                lang,
                key,
                &args.money("amount", *amount).text("reason", reason.as_str()),
            )
        }
        Notice::OrderNeedsAttention {
            order,
            tracking,
            reason,
        } => {
            let (key, args) = order_ref(
                *order,
                tracking.as_deref(),
                "notice-order-needs-attention",
                "notice-order-needs-attention-code",
            );
            i18n.t_args(lang, key, &args.text("reason", reason.as_str()))
        }
        Notice::ReceiptSubmitted {
            receipt,
            tracking,
            amount,
        } => i18n.t_args(
            lang,
            "notice-receipt-submitted",
            &Args::new()
                .id("receipt", receipt.get())
                .text("tracking", tracking.as_str())
                .money("amount", *amount),
        ),
        Notice::ReceiptApproved { receipt, amount } => i18n.t_args(
            lang,
            "notice-receipt-approved",
            &Args::new().id("receipt", receipt.get()).money("amount", *amount),
        ),
        Notice::ReceiptRejected { receipt, reason } => i18n.t_args(
            lang,
            "notice-receipt-rejected",
            &Args::new().id("receipt", receipt.get()).text("reason", reason.as_str()),
        ),
        Notice::ReceiptExpired { receipt } => i18n.t_args(
            lang,
            "notice-receipt-expired",
            &Args::new().id("receipt", receipt.get()),
        ),
        Notice::Reminder {
            name,
            reminder,
            expires_at,
            ..
        } => crate::reminders::render(i18n, lang, name, *reminder, *expires_at),
        Notice::LowBalance { balance, price } => i18n.t_args(
            lang,
            "notice-low-balance",
            &Args::new().money("balance", *balance).money("price", *price),
        ),
        Notice::OrderPaid {
            tracking,
            amount,
            renewal,
            ..
        } => i18n.t_args(
            lang,
            if *renewal {
                "notice-order-paid-renewal"
            } else {
                "notice-order-paid"
            },
            &Args::new().text("tracking", tracking.as_str()).money("amount", *amount),
        ),
        Notice::PanelDown { name, problem, .. } => i18n.t_args(
            lang,
            "notice-panel-down",
            &Args::new()
                .text("name", name.as_str())
                .html("problem", explain::panel_problem(i18n, lang, problem)),
        ),
        Notice::PanelUp { name, .. } => i18n.t_args(lang, "notice-panel-up", &Args::new().text("name", name.as_str())),
        Notice::PanelSyncFailed { name, error, .. } => i18n.t_args(
            lang,
            "notice-panel-sync-failed",
            &Args::new().text("name", name.as_str()).text("error", error.as_str()),
        ),
        Notice::ReconcileDrift { panels } => {
            let lines = panels
                .iter()
                .map(|p| {
                    i18n.t_args(
                        lang,
                        "notice-drift-line",
                        &Args::new()
                            .text("name", p.name.as_str())
                            .number("unknown", i64::from(p.unknown))
                            .number("lost", i64::from(p.lost)),
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            i18n.t_args(lang, "notice-reconcile-drift", &Args::new().html("lines", lines))
        }
        other => crate::payment_notices::render(i18n, lang, other)
            .or_else(|| crate::care_notices::render(i18n, lang, other))
            .unwrap_or_else(|| i18n.t(lang, "notice-generic")),
    }
}

/// The catalog key and arguments naming an order: by its tracking code (`by_code`, what the
/// buyer was shown), or by its number (`by_number`) in notices written before codes were
/// recorded.
fn order_ref(
    order: kernel::OrderId,
    tracking: Option<&str>,
    by_number: &'static str,
    by_code: &'static str,
) -> (&'static str, Args) {
    match tracking {
        Some(code) => (by_code, Args::new().text("tracking", code)),
        None => (by_number, Args::new().id("order", order.get())),
    }
}

impl TelegramNotifier {
    /// A notifier sending through `api`, in its bulk lane (behind answers users wait for).
    pub fn new(api: BotApi, i18n: Arc<I18n>, members: Arc<MemberService>) -> Self {
        Self {
            api: api.bulk(),
            i18n,
            members,
            wallet: None,
            codec: None,
            alert_channel: None,
        }
    }

    /// Sends the admins' notices (alerts, receipts to review, orders that need a look) to
    /// one chat (`admins.alert_channel`) instead of to each admin, in the shop's language at
    /// the time ([`MemberService::default_language_now`]).
    pub fn with_alert_channel(mut self, chat: i64) -> Self {
        self.alert_channel = Some(chat);
        self
    }

    /// Sends an admins' notice to the alert channel.
    async fn send_to_channel(&self, chat: i64, notice: &Notice) -> DeliveryOutcome {
        let lang = self.members.default_language_now().await;
        let text = limits::fit_html(&render(&self.i18n, lang, notice), limits::MESSAGE);
        match self.api.send_text(chat, &text, None).await {
            Ok(_) => DeliveryOutcome::Delivered,
            Err(ApiError::RateLimited { retry_after }) => {
                DeliveryOutcome::RetryAfter(time::Duration::try_from(retry_after).unwrap_or(time::Duration::MINUTE))
            }
            Err(e @ (ApiError::Blocked(_) | ApiError::BadRequest(_) | ApiError::Unauthorized)) => {
                tracing::error!(chat, error = %e, "the alert channel refused an admin notice; giving up on it");
                DeliveryOutcome::RecipientGone
            }
            Err(e) => {
                tracing::warn!(chat, error = %e, "cannot deliver an admin notice to the alert channel now");
                DeliveryOutcome::RetryAfter(time::Duration::seconds(30))
            }
        }
    }

    /// Signs buttons under notices with `codec` (a reminder's one-tap Renew, a failed
    /// payment's Try again); without it, notices go out without buttons.
    pub fn with_buttons(mut self, codec: crate::callback::CallbackCodec) -> Self {
        self.codec = Some(codec);
        self
    }

    /// The buttons under `notice` for `user`: Renew under a reminder, Top up under the
    /// low-balance notice, Try again under a failed payment (see
    /// [`crate::payment_notices::keyboard`]).
    fn keyboard_for(&self, user: &User, notice: &Notice) -> Option<crate::keyboard::Keyboard> {
        let codec = self.codec.as_ref()?;
        let chat = user.telegram_id.get();
        match notice {
            Notice::Reminder { account, .. } => {
                crate::reminders::renew_keyboard(codec, &self.i18n, user.language, chat, *account)
            }
            Notice::LowBalance { .. } => crate::reminders::top_up_keyboard(codec, &self.i18n, user.language, chat),
            other => crate::payment_notices::keyboard(codec, &self.i18n, user.language, chat, other),
        }
    }

    /// Adds the payer's balance after the credit to an approved receipt's notice (#9).
    pub fn with_wallet(mut self, wallet: Arc<wallet::WalletService>) -> Self {
        self.wallet = Some(wallet);
        self
    }

    /// `notice` in the user's language, with the balance under an approved receipt.
    async fn text_for(&self, user: &User, notice: &Notice) -> String {
        let text = render(&self.i18n, user.language, notice);
        let (Notice::ReceiptApproved { .. }, Some(wallet)) = (notice, &self.wallet) else {
            return text;
        };
        match wallet.balance(user.id).await {
            Ok(balance) => {
                let line = self.i18n.t_args(
                    user.language,
                    "notice-receipt-balance",
                    &Args::new().money("balance", balance),
                );
                format!("{text}\n{line}")
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the balance for a receipt notice");
                text
            }
        }
    }

    async fn send_to(&self, user: &User, notice: &Notice) -> DeliveryOutcome {
        if user.bot_blocked {
            return DeliveryOutcome::RecipientGone;
        }
        let text = limits::fit_html(&self.text_for(user, notice).await, limits::MESSAGE);
        let keyboard = self.keyboard_for(user, notice);
        match self
            .api
            .send_text(user.telegram_id.get(), &text, keyboard.as_ref())
            .await
        {
            Ok(_) => DeliveryOutcome::Delivered,
            Err(ApiError::Blocked(reason)) => {
                tracing::info!(user = %user.id, reason, "notice recipient blocked the bot");
                if let Err(e) = self.members.mark_bot_blocked(user.id, true).await {
                    tracing::warn!(error = %e, "cannot record that the user blocked the bot");
                }
                DeliveryOutcome::RecipientGone
            }
            Err(ApiError::RateLimited { retry_after }) => {
                DeliveryOutcome::RetryAfter(time::Duration::try_from(retry_after).unwrap_or(time::Duration::MINUTE))
            }
            Err(e @ (ApiError::BadRequest(_) | ApiError::Unauthorized)) => {
                tracing::error!(user = %user.id, error = %e, "Telegram refused a notice; giving up on it");
                DeliveryOutcome::RecipientGone
            }
            Err(e) => {
                tracing::warn!(user = %user.id, error = %e, "cannot deliver a notice now");
                DeliveryOutcome::RetryAfter(time::Duration::seconds(30))
            }
        }
    }
}

#[async_trait]
impl Notifier for TelegramNotifier {
    /// A user's notice is delivered or not; an admins' notice counts as delivered once any
    /// admin got it (retrying would repeat it to the others).
    async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome {
        let notice = &entry.notice.notice;
        match &entry.notice.recipient {
            Recipient::User(id) => match self.members.get(*id).await {
                Ok(user) => self.send_to(&user, notice).await,
                Err(members::MemberError::UnknownUser(_)) => DeliveryOutcome::RecipientGone,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot load the notice recipient");
                    DeliveryOutcome::RetryAfter(time::Duration::seconds(30))
                }
            },
            Recipient::Admins => {
                if let Some(chat) = self.alert_channel {
                    return self.send_to_channel(chat, notice).await;
                }
                let staff = match self.members.staff().await {
                    Ok(staff) => staff,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot list admins for a notice");
                        return DeliveryOutcome::RetryAfter(time::Duration::seconds(30));
                    }
                };
                let mut outcome = DeliveryOutcome::RecipientGone;
                for admin in staff.iter().filter(|a| !a.is_blocked()) {
                    match self.send_to(admin, notice).await {
                        DeliveryOutcome::Delivered => outcome = DeliveryOutcome::Delivered,
                        retry @ DeliveryOutcome::RetryAfter(_) if outcome == DeliveryOutcome::RecipientGone => {
                            outcome = retry;
                        }
                        _ => {}
                    }
                }
                outcome
            }
        }
    }
}

#[cfg(test)]
#[path = "notifier_tests.rs"]
mod tests;
