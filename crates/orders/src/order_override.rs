//! A superadmin's decision about a paid order whose delivery did not finish (money taken, the
//! panel stuck or failing): **refund it now** or **retry its delivery now**, with a reason;
//! and the admins' read of a user's orders. The bot's admin menu and `moonvpn order …` call
//! these; the role is checked here, on the server, and every decision (a refusal too) is in
//! the audit log as `order.override`.

use std::sync::Arc;

use kernel::{OrderId, Page, PageRequest, TrackingCode, UserId};
use members::{AccessError, AuditAction, AuditLog, AuditTarget, Authorizer, NewAuditEntry, Role};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::service::write_error;
use crate::{Delivery, IllegalTransition, Order, OrderChange, OrderError, OrderService, OrderStatus, OrderWriteError};

/// The members ports the admin use cases of orders use.
pub(crate) struct AdminPorts {
    pub(crate) access: Arc<dyn Authorizer>,
    pub(crate) audit: Arc<dyn AuditLog>,
}

/// What a superadmin decided about a paid order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderOverride {
    /// Give the order up now and put its money back in the buyer's wallet.
    Refund,
    /// Run its delivery now.
    Retry,
}

impl OrderOverride {
    /// `refund` or `retry` (the audit log, the CLI, callback data).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Refund => "refund",
            Self::Retry => "retry",
        }
    }

    /// The decision named `refund` or `retry`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "refund" => Some(Self::Refund),
            "retry" => Some(Self::Retry),
            _ => None,
        }
    }
}

/// Why an override's reason was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OverrideReasonError {
    /// Nothing but spaces.
    #[error("the reason is empty")]
    Empty,
    /// Longer than [`OverrideReason::MAX_CHARS`].
    #[error("the reason is {chars} characters long; at most 500 fit")]
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
}

/// Why a superadmin overrides an order: 1 to 500 characters after trimming. The buyer reads
/// it in the refund notice; the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideReason(String);

impl OverrideReason {
    /// The longest reason, in characters.
    pub const MAX_CHARS: usize = 500;

    /// Checks a typed reason.
    pub fn parse(raw: &str) -> Result<Self, OverrideReasonError> {
        let text = raw.trim();
        let chars = text.chars().count();
        if chars == 0 {
            return Err(OverrideReasonError::Empty);
        }
        if chars > Self::MAX_CHARS {
            return Err(OverrideReasonError::TooLong { chars });
        }
        Ok(Self(text.to_owned()))
    }

    /// The reason.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an override did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideOutcome {
    /// Refund now: the order failed and its money went back (this override's move).
    Refunded(Order),
    /// Retry now: the order was delivered.
    Delivered(Order),
    /// Retry now: the run refunded the order instead (the panel refused it, or its delivery
    /// attempts had run out).
    RetryRefunded(Order),
    /// Retry now: another run is delivering it at this moment; nothing was done.
    InProgress(Order),
}

impl OverrideOutcome {
    /// The order as it stands after the override.
    pub fn order(&self) -> &Order {
        match self {
            Self::Refunded(o) | Self::Delivered(o) | Self::RetryRefunded(o) | Self::InProgress(o) => o,
        }
    }

    /// `refunded`, `delivered`, `retry_refunded` or `in_progress` (audit log, CLI).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Refunded(_) => "refunded",
            Self::Delivered(_) => "delivered",
            Self::RetryRefunded(_) => "retry_refunded",
            Self::InProgress(_) => "in_progress",
        }
    }
}

/// The audit detail of an override of `order` (as read before it).
fn detail(order: &Order, decision: OrderOverride, reason: &OverrideReason, outcome: &str) -> Value {
    json!({
        "decision": decision.as_str(),
        "reason": reason.as_str(),
        "outcome": outcome,
        "tracking": order.tracking.as_str(),
        "amount_minor": order.amount().minor(),
        "status": order.status.as_str(),
    })
}

impl Order {
    /// A superadmin's refund of this paid order: `Paid → Failed` with everything a failed paid
    /// order gives back (the money under the saga's own key `order:<id>:refund`, so it is
    /// paid once whichever path gets there first; the discount use; the free-test claim), the
    /// buyer's refund notice with `reason`, and the `order.override` audit entry, all written
    /// in one transaction. Refused for an order that is not paid.
    pub fn override_refund(
        &self,
        actor: UserId,
        reason: &OverrideReason,
        at: OffsetDateTime,
    ) -> Result<OrderChange, IllegalTransition> {
        if self.status != OrderStatus::Paid {
            return Err(IllegalTransition {
                from: self.status,
                to: OrderStatus::Failed,
            });
        }
        let entry = NewAuditEntry::by(
            actor,
            OrderService::OVERRIDE,
            AuditTarget::new("order", self.id),
            detail(self, OrderOverride::Refund, reason, "refunded"),
            at,
        );
        Ok(self.fail(reason.as_str(), at)?.with_audit(entry))
    }
}

impl OrderService {
    /// Audit action of a superadmin's refund or retry of an order (refusals too).
    pub const OVERRIDE: AuditAction = AuditAction::new("order.override");
    /// Audit action of an admin reading a user's orders (only refusals are recorded).
    pub const VIEW_ORDERS: AuditAction = AuditAction::new("order.view");

    /// Lets admins read orders and superadmins override them: roles checked by `access`,
    /// decisions written to `audit`. Without it those use cases refuse.
    #[must_use]
    pub fn with_admin(mut self, access: Arc<dyn Authorizer>, audit: Arc<dyn AuditLog>) -> Self {
        self.admin = Some(Arc::new(AdminPorts { access, audit }));
        self
    }

    async fn admin_check(&self, actor: UserId, role: Role, attempt: &AuditAction) -> Result<&AdminPorts, OrderError> {
        let ports = self
            .admin
            .as_deref()
            .ok_or(OrderError::from(AccessError::Forbidden { needed: role }))?;
        ports.access.authorize(actor, role, attempt).await?;
        Ok(ports)
    }

    /// A user's orders, newest first (admins only).
    pub async fn orders_of_user_as(
        &self,
        actor: UserId,
        user: UserId,
        page: PageRequest,
    ) -> Result<Page<Order>, OrderError> {
        self.admin_check(actor, Role::Admin, &Self::VIEW_ORDERS).await?;
        Ok(self.orders.orders_of(user, page).await?)
    }

    /// One order (admins only).
    pub async fn order_as(&self, actor: UserId, id: OrderId) -> Result<Order, OrderError> {
        self.admin_check(actor, Role::Admin, &Self::VIEW_ORDERS).await?;
        self.orders.order(id).await?.ok_or(OrderError::OrderNotFound(id))
    }

    /// One order by its tracking code (admins only).
    pub async fn order_by_tracking_as(
        &self,
        actor: UserId,
        tracking: &TrackingCode,
    ) -> Result<Option<Order>, OrderError> {
        self.admin_check(actor, Role::Admin, &Self::VIEW_ORDERS).await?;
        Ok(self.orders.order_by_tracking(tracking).await?)
    }

    /// A superadmin's decision about the paid order `id` (superadmins only; anyone else is
    /// refused and the attempt audited as `access.denied`).
    ///
    /// - [`OrderOverride::Refund`]: [`Order::override_refund`], its audit entry in the refund's
    ///   transaction; then, only because this move failed the order, a purchase's allocated
    ///   panel client is released, as the saga does when it gives up.
    /// - [`OrderOverride::Retry`]: the delivery runs now ([`OrderService::deliver`]: one run
    ///   at a time, bounded attempts). Its `order.override` entry is written **after** the
    ///   run, so it records what happened (delivered, refunded, another run busy, or the
    ///   error); the run's own moves are the saga's typed changes and carry their money
    ///   effects in their own transactions, so the entry is a record of the decision and
    ///   moves no money itself (a failure to write it is logged).
    ///
    /// An order that is not paid (or stopped being paid meanwhile: the saga refunded or
    /// delivered it first) is refused with [`OrderError::NotOverridable`], nothing changes,
    /// and the refusal is audited (`outcome: refused`).
    #[tracing::instrument(skip(self, reason))]
    pub async fn override_order(
        &self,
        actor: UserId,
        id: OrderId,
        decision: OrderOverride,
        reason: &OverrideReason,
    ) -> Result<OverrideOutcome, OrderError> {
        let ports = self.admin_check(actor, Role::Superadmin, &Self::OVERRIDE).await?;
        let order = self.orders.order(id).await?.ok_or(OrderError::OrderNotFound(id))?;
        if order.status != OrderStatus::Paid {
            return Err(self.refused(ports, actor, &order, decision, reason, order.status).await);
        }
        match decision {
            OrderOverride::Refund => self.refund_now(ports, actor, order, reason).await,
            OrderOverride::Retry => self.retry_now(ports, actor, order, reason).await,
        }
    }

    async fn refund_now(
        &self,
        ports: &AdminPorts,
        actor: UserId,
        order: Order,
        reason: &OverrideReason,
    ) -> Result<OverrideOutcome, OrderError> {
        let change = order.override_refund(actor, reason, self.clock.now())?;
        match self.orders.apply(&change).await {
            Ok(failed) => {
                tracing::warn!(order = %order.id, %actor, "order refunded by a superadmin");
                if let Some(allocation) = &order.allocation {
                    self.release(order.id, allocation).await;
                }
                Ok(OverrideOutcome::Refunded(failed))
            }
            Err(OrderWriteError::WrongStatus { current }) => Err(self
                .refused(ports, actor, &order, OrderOverride::Refund, reason, current)
                .await),
            Err(e) => Err(write_error(order.id, OrderStatus::Failed, e)),
        }
    }

    async fn retry_now(
        &self,
        ports: &AdminPorts,
        actor: UserId,
        order: Order,
        reason: &OverrideReason,
    ) -> Result<OverrideOutcome, OrderError> {
        let ran = self.deliver(order.id).await.map(|delivery| match delivery {
            Delivery::Fulfilled(o) => OverrideOutcome::Delivered(o),
            Delivery::Refunded(o) => OverrideOutcome::RetryRefunded(o),
            Delivery::InProgress(o) => OverrideOutcome::InProgress(o),
        });
        let mut entry = detail(
            &order,
            OrderOverride::Retry,
            reason,
            ran.as_ref().map_or("error", OverrideOutcome::as_str),
        );
        if let Err(e) = &ran {
            entry["error"] = json!(e.to_string());
        }
        self.write_audit(ports, actor, &order, entry).await;
        ran
    }

    /// Audits a refused override and returns the refusal.
    async fn refused(
        &self,
        ports: &AdminPorts,
        actor: UserId,
        order: &Order,
        decision: OrderOverride,
        reason: &OverrideReason,
        now: OrderStatus,
    ) -> OrderError {
        let mut entry = detail(order, decision, reason, "refused");
        entry["status"] = json!(now.as_str());
        self.write_audit(ports, actor, order, entry).await;
        OrderError::NotOverridable(now)
    }

    async fn write_audit(&self, ports: &AdminPorts, actor: UserId, order: &Order, detail: Value) {
        let entry = NewAuditEntry::by(
            actor,
            Self::OVERRIDE,
            AuditTarget::new("order", order.id),
            detail,
            self.clock.now(),
        );
        if let Err(e) = ports.audit.record(entry).await {
            tracing::error!(order = %order.id, error = %e, "the order override's audit entry could not be written");
        }
    }
}
