//! Payment use cases: create a top-up payment, take a provider's callback, reconcile.

use std::collections::BTreeMap;
use std::sync::Arc;

use kernel::{Clock, Currency, Money, Page, PageRequest, UserId};
use members::{Authorizer, Role};

use members::{AuditTarget, NewAuditEntry};
use notify::{NewNotice, Notice};

use crate::{
    CallbackReply, CallbackRequest, Charge, OrderPayer, OrderPayment, PayerDirectory, Payment, PaymentError,
    PaymentGateway, PaymentId, PaymentQuery, PaymentRepo, PaymentRequest, PaymentStatus, Provider, Refusal,
    RemoteStatus, SettleOutcome, VerifiedCallback, decide, expire,
};

/// The enabled providers, by name.
pub type Gateways = BTreeMap<Provider, Arc<dyn PaymentGateway>>;

/// What a callback did, with the HTTP answer for the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackOutcome {
    /// What to answer.
    pub reply: CallbackReply,
    /// The payment credited by this call, if it was.
    pub credited: Option<Payment>,
}

/// What one reconciliation pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReconcileReport {
    /// Payments found paid and credited.
    pub settled: Vec<PaymentId>,
    /// Payments marked failed.
    pub failed: Vec<PaymentId>,
    /// Payments expired.
    pub expired: Vec<PaymentId>,
    /// Payments the provider could not be asked about (tried again next pass).
    pub errors: Vec<(PaymentId, String)>,
}

impl ReconcileReport {
    /// Whether the pass changed any payment.
    pub fn changed_anything(&self) -> bool {
        !(self.settled.is_empty() && self.failed.is_empty() && self.expired.is_empty())
    }

    /// The admins' notice summarising the pass, when it changed something.
    pub fn notice(&self) -> Option<NewNotice> {
        let count = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        self.changed_anything().then(|| {
            NewNotice::to_admins(Notice::PaymentsReconciled {
                settled: count(self.settled.len()),
                failed: count(self.failed.len()),
                expired: count(self.expired.len()),
                unreachable: count(self.errors.len()),
            })
        })
    }
}

/// Gateway payments.
#[derive(Clone)]
pub struct PaymentService {
    repo: Arc<dyn PaymentRepo>,
    gateways: Gateways,
    clock: Arc<dyn Clock>,
    shop_currency: Currency,
    admin: Option<(Arc<dyn Authorizer>, Arc<dyn PayerDirectory>)>,
    orders: Option<Arc<dyn OrderPayer>>,
}

impl PaymentService {
    /// Wires the service over the enabled `gateways`.
    pub fn new(repo: Arc<dyn PaymentRepo>, gateways: Gateways, clock: Arc<dyn Clock>, shop_currency: Currency) -> Self {
        Self {
            repo,
            gateways,
            clock,
            shop_currency,
            admin: None,
            orders: None,
        }
    }

    /// Pays the order a payment was made for from the wallet once the payment lands
    /// (the checkout's "balance short"); without it such payments only credit the wallet.
    #[must_use]
    pub fn with_orders(mut self, orders: Arc<dyn OrderPayer>) -> Self {
        self.orders = Some(orders);
        self
    }

    /// Enables the admin use cases (refunds): roles are checked by `access`, payers' Telegram
    /// ids come from `payers`.
    #[must_use]
    pub fn with_admin(mut self, access: Arc<dyn Authorizer>, payers: Arc<dyn PayerDirectory>) -> Self {
        self.admin = Some((access, payers));
        self
    }

    /// The enabled providers, in a fixed order.
    pub fn enabled(&self) -> Vec<Provider> {
        self.gateways.keys().copied().collect()
    }

    fn gateway(&self, provider: Provider) -> Result<&Arc<dyn PaymentGateway>, PaymentError> {
        self.gateways.get(&provider).ok_or(PaymentError::NotEnabled(provider))
    }

    /// What the provider charges for `amount` of the shop's currency (shown before paying).
    pub fn quote(&self, provider: Provider, amount: Money) -> Result<Charge, PaymentError> {
        let (currency, rate) = self.gateway(provider)?.pricing();
        Ok(rate.convert(amount, self.shop_currency, currency)?)
    }

    /// Creates a payment that credits `amount` to `user`'s wallet when `provider` confirms it,
    /// and returns it with the link the user opens.
    pub async fn create_topup(
        &self,
        user: UserId,
        provider: Provider,
        amount: Money,
        description: &str,
    ) -> Result<Payment, PaymentError> {
        self.create(user, provider, amount, description, None).await
    }

    /// Like [`Self::create_topup`], for the missing part of `order`'s price: the provider is
    /// told the order (so one that carries it back lets the order be paid on arrival).
    pub async fn create_for_order(
        &self,
        user: UserId,
        provider: Provider,
        amount: Money,
        order: kernel::OrderId,
        description: &str,
    ) -> Result<Payment, PaymentError> {
        self.create(user, provider, amount, description, Some(order)).await
    }

    async fn create(
        &self,
        user: UserId,
        provider: Provider,
        amount: Money,
        description: &str,
        order: Option<kernel::OrderId>,
    ) -> Result<Payment, PaymentError> {
        let gateway = self.gateway(provider)?;
        let charge = self.quote(provider, amount)?;
        let payment = self
            .repo
            .create(&crate::NewPayment {
                user,
                provider,
                amount,
                charge,
                order,
                created_at: self.clock.now(),
            })
            .await?;
        let checkout = gateway
            .create(&PaymentRequest {
                payment: payment.id,
                charge,
                description: description.to_owned(),
                order,
            })
            .await?;
        let stored = self
            .repo
            .set_checkout(payment.id, checkout.provider_ref.clone(), &checkout.pay_url)
            .await?;
        tracing::info!(payment = %stored.id, %provider, charge = %charge, "payment created");
        Ok(stored)
    }

    /// The payment with this id, if it is `user`'s.
    pub async fn get_own(&self, user: UserId, id: PaymentId) -> Result<Payment, PaymentError> {
        let payment = self.get(id).await?;
        if payment.user != user {
            return Err(PaymentError::NotYours(id));
        }
        Ok(payment)
    }

    /// The payment with this id.
    pub async fn get(&self, id: PaymentId) -> Result<Payment, PaymentError> {
        self.repo.get(id).await?.ok_or(PaymentError::NotFound(id))
    }

    /// Payments matching `query`, newest first, for an admin (`actor`'s role is checked).
    pub async fn list_as_admin(
        &self,
        actor: UserId,
        query: PaymentQuery,
        page: PageRequest,
    ) -> Result<Page<Payment>, PaymentError> {
        let (access, _) = self.admin.as_ref().ok_or(PaymentError::NoAdmin)?;
        access.require(actor, Role::Admin).await?;
        self.list(query, page).await
    }

    /// Payments matching `query`, newest first.
    pub async fn list(&self, query: PaymentQuery, page: PageRequest) -> Result<Page<Payment>, PaymentError> {
        Ok(self.repo.list(query, page).await?)
    }

    /// Whether `user` may pay `charge` for payment `id` through `provider` now (Telegram's
    /// pre-checkout): the payment is theirs, of that provider, not settled yet, and the
    /// charge is exactly what was created.
    pub async fn precheck(
        &self,
        user: UserId,
        provider: Provider,
        id: PaymentId,
        charge: Charge,
    ) -> Result<Payment, PaymentError> {
        let payment = self.get_own(user, id).await?;
        crate::precheck(&payment, provider, charge)?;
        Ok(payment)
    }

    /// Takes a provider's callback: verifies it first, then settles the payment it names at
    /// most once. Unverified calls get 4xx; replays are acknowledged and change nothing.
    pub async fn handle_callback(
        &self,
        provider: Provider,
        call: &CallbackRequest,
    ) -> Result<CallbackOutcome, PaymentError> {
        let gateway = self.gateway(provider)?;
        let verified = match gateway.verify(call).await {
            Ok(v) => v,
            Err(e @ (crate::GatewayError::Unverified(_) | crate::GatewayError::Malformed(_))) => {
                tracing::warn!(%provider, error = %e, "callback refused");
                return Ok(CallbackOutcome {
                    reply: CallbackReply::refuse(400, "bad request"),
                    credited: None,
                });
            }
            Err(e) => return Err(e.into()),
        };
        let reply = gateway.ack(&verified);
        match self.settle(provider, &verified).await {
            Ok(credited) => Ok(CallbackOutcome { reply, credited }),
            Err(PaymentError::Refused(r)) if r.is_replay() => Ok(CallbackOutcome { reply, credited: None }),
            Err(PaymentError::Refused(r)) => {
                tracing::warn!(%provider, refusal = %r, "callback does not match its payment");
                Ok(CallbackOutcome {
                    reply: CallbackReply::refuse(400, "refused"),
                    credited: None,
                })
            }
            Err(PaymentError::NotFound(id)) => {
                tracing::warn!(%provider, payment = %id, "callback for an unknown payment");
                Ok(CallbackOutcome {
                    reply: CallbackReply::refuse(404, "unknown payment"),
                    credited: None,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Applies a verified callback (from a webhook, a reconciliation, or Telegram's
    /// `successful_payment`). Returns the payment when this call credited it; a replay is
    /// `Refused(AlreadyDone)`.
    pub async fn settle(
        &self,
        provider: Provider,
        verified: &VerifiedCallback,
    ) -> Result<Option<Payment>, PaymentError> {
        let id = match verified {
            VerifiedCallback::Paid { payment, .. } | VerifiedCallback::Failed { payment, .. } => *payment,
            VerifiedCallback::Ignored => return Ok(None),
        };
        let payment = self.get(id).await?;
        let Some(transition) = decide(&payment, provider, verified, self.clock.now())? else {
            return Ok(None);
        };
        match self.repo.apply(&transition).await? {
            SettleOutcome::Applied(p) if p.status == PaymentStatus::Paid => {
                tracing::info!(payment = %p.id, %provider, "payment credited");
                Ok(Some(p))
            }
            SettleOutcome::Applied(_) => Ok(None),
            SettleOutcome::Refused(p) => Err(Refusal::AlreadyDone(p.id, p.status).into()),
            SettleOutcome::NotFound => Err(PaymentError::NotFound(id)),
            SettleOutcome::BalanceTooLow(balance) => Err(PaymentError::BalanceTooLow {
                needed: payment.amount,
                balance,
            }),
        }
    }

    /// Refunds payment `id` (admins only, audited): the wallet gives back what the payment
    /// credited (refused, changing nothing, when the balance no longer holds it), then the
    /// provider gives the money back to the payer. Asking again for a payment already
    /// refunded here retries only the provider's side (which never refunds twice).
    pub async fn refund(&self, actor: UserId, id: PaymentId) -> Result<Payment, PaymentError> {
        let (access, payers) = self.admin.as_ref().ok_or(PaymentError::NoAdmin)?;
        access.authorize(actor, Role::Admin, &crate::REFUND).await?;
        let payment = self.get(id).await?;
        let gateway = self.gateway(payment.provider)?.clone();
        if !gateway.refunds() {
            return Err(PaymentError::RefundUnsupported(payment.provider));
        }
        let payment = match payment.status {
            PaymentStatus::Refunded => payment,
            _ => {
                let transition = crate::refund(&payment, actor, self.clock.now())?;
                match self.repo.apply(&transition).await? {
                    SettleOutcome::Applied(p) => p,
                    SettleOutcome::Refused(p) => return Err(Refusal::NotPaid(p.id, p.status).into()),
                    SettleOutcome::NotFound => return Err(PaymentError::NotFound(id)),
                    SettleOutcome::BalanceTooLow(balance) => {
                        return Err(PaymentError::BalanceTooLow {
                            needed: payment.amount,
                            balance,
                        });
                    }
                }
            }
        };
        let payer = payers
            .telegram_id(payment.user)
            .await?
            .ok_or(PaymentError::NotFound(id))?;
        gateway.refund(&payment, payer).await?;
        tracing::info!(payment = %payment.id, provider = %payment.provider, %actor, "payment refunded");
        Ok(payment)
    }

    /// One reconciliation pass: payments still open after `pending_for` are re-fetched from
    /// their provider and settled, failed, or (after `expire_after`) expired.
    pub async fn reconcile(
        &self,
        pending_for: time::Duration,
        expire_after: time::Duration,
        limit: u64,
    ) -> Result<ReconcileReport, PaymentError> {
        let now = self.clock.now();
        let mut report = ReconcileReport::default();
        for payment in self.repo.open_before(now - pending_for, limit).await? {
            let remote = match self.gateways.get(&payment.provider) {
                Some(g) => g.fetch_status(&payment).await,
                None => Ok(RemoteStatus::Unknown),
            };
            let result = match remote {
                Ok(RemoteStatus::Paid(verified)) => match self.settle(payment.provider, &verified).await {
                    Ok(Some(credited)) => {
                        report.settled.push(payment.id);
                        self.pay_order_of(&credited).await
                    }
                    Ok(None) => Ok(()),
                    Err(e) => Err(e),
                },
                Ok(RemoteStatus::Failed) => {
                    let failed = VerifiedCallback::Failed {
                        payment: payment.id,
                        provider_ref: payment.provider_ref.clone().unwrap_or_else(|| payment.id.to_string()),
                    };
                    self.settle(payment.provider, &failed)
                        .await
                        .map(|_| report.failed.push(payment.id))
                }
                Ok(RemoteStatus::Pending | RemoteStatus::Unknown) | Err(crate::GatewayError::Unsupported(_)) => {
                    if payment.created_at + expire_after <= now
                        && let Some(t) = expire(&payment, now)
                    {
                        match self.repo.apply(&t).await {
                            Ok(SettleOutcome::Applied(_)) => report.expired.push(payment.id),
                            Ok(_) => {}
                            Err(e) => report.errors.push((payment.id, e.to_string())),
                        }
                    }
                    Ok(())
                }
                Err(e) => Err(e.into()),
            };
            if let Err(e) = result {
                report.errors.push((payment.id, e.to_string()));
            }
        }
        for payment in self.repo.orders_to_pay(now - ORDER_STEP_GRACE, limit).await? {
            if let Err(e) = self.pay_order_of(&payment).await {
                report.errors.push((payment.id, e.to_string()));
            }
        }
        if let Some(notice) = report.notice() {
            self.repo.record(&[notice], None, now).await?;
        }
        Ok(report)
    }

    /// [`Self::reconcile`] at an admin's request ("Reconcile now" in the bot, `moonvpn payment
    /// reconcile`): `actor`'s role is checked and the run is audited with what it changed.
    pub async fn reconcile_as_admin(
        &self,
        actor: UserId,
        pending_for: time::Duration,
        expire_after: time::Duration,
        limit: u64,
    ) -> Result<ReconcileReport, PaymentError> {
        let (access, _) = self.admin.as_ref().ok_or(PaymentError::NoAdmin)?;
        access.authorize(actor, Role::Admin, &crate::RECONCILE).await?;
        let report = self.reconcile(pending_for, expire_after, limit).await?;
        let now = self.clock.now();
        let audit = NewAuditEntry::by(
            actor,
            crate::RECONCILE,
            AuditTarget::new("payment", "all"),
            serde_json::json!({
                "settled": report.settled.iter().map(|p| p.get()).collect::<Vec<_>>(),
                "failed": report.failed.iter().map(|p| p.get()).collect::<Vec<_>>(),
                "expired": report.expired.iter().map(|p| p.get()).collect::<Vec<_>>(),
                "unreachable": report.errors.len(),
            }),
            now,
        );
        self.repo.record(&[], Some(audit), now).await?;
        Ok(report)
    }

    /// Pays the order a credited `payment` was made for (the checkout's "balance short")
    /// from the wallet through the purchase saga, once per payment: when the order can no
    /// longer be paid (it expired meanwhile) the money stays in the wallet and the payer is
    /// told. Nothing to do for a top-up, an unpaid payment, or a step already finished. A
    /// temporary failure is an error; the reconciliation job tries again.
    pub async fn pay_order_of(&self, payment: &Payment) -> Result<(), PaymentError> {
        let (Some(order), Some(orders)) = (payment.order, self.orders.as_ref()) else {
            return Ok(());
        };
        if payment.status != PaymentStatus::Paid {
            return Ok(());
        }
        let notices = match orders.pay_order(payment.user, order).await? {
            OrderPayment::Paid => Vec::new(),
            OrderPayment::NotPayable { tracking } => {
                tracing::info!(payment = %payment.id, %order, "the order could not be paid; the money stays in the wallet");
                vec![NewNotice::to_user(
                    payment.user,
                    Notice::PaymentOrderNotPaid {
                        order,
                        tracking,
                        amount: payment.amount,
                    },
                )]
            }
        };
        self.repo.finish_order(payment.id, &notices, self.clock.now()).await?;
        Ok(())
    }

    /// The payer was shown what became of `payment`'s order in the chat (Telegram Stars pay
    /// the order in the same answer): its order step is finished without a notice.
    pub async fn order_shown(&self, payment: PaymentId) -> Result<(), PaymentError> {
        self.repo.finish_order(payment, &[], self.clock.now()).await?;
        Ok(())
    }
}

/// How long after a credit the reconciliation job takes over paying its order (the webhook
/// that credited it normally does it at once).
const ORDER_STEP_GRACE: time::Duration = time::Duration::minutes(1);
