//! Admin use cases for what is on sale: plans and discount codes. The bot and the CLI both
//! call these; each admin action checks the actor's role here, on the server, and writes its
//! audit entry in the same transaction as the change.

use std::sync::Arc;

use kernel::{Clock, DiscountCodeId, LocationId, Page, PageRequest, PlanId, StorageError, UserId};
use members::{AuditAction, AuditTarget, Authorizer, NewAuditEntry, Role};
use serde_json::{Value, json};

use crate::{
    Discount, DiscountCode, DiscountEdit, DiscountRepo, DiscountStatus, DiscountTerms, DiscountUseRecord,
    DiscountValue, NewDiscount, NewPlan, OrderError, Plan, PlanEdit, PlanKind, PlanRepo,
};

/// Plans and discount codes.
pub struct CatalogService {
    plans: Arc<dyn PlanRepo>,
    discounts: Arc<dyn DiscountRepo>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
}

impl CatalogService {
    /// Audit action of adding a plan.
    pub const PLAN_ADD: AuditAction = AuditAction::new("plan.add");
    /// Audit action of changing a plan (terms, locations, flags, on/off sale).
    pub const PLAN_EDIT: AuditAction = AuditAction::new("plan.edit");
    /// Audit action of adding a discount code.
    pub const DISCOUNT_ADD: AuditAction = AuditAction::new("discount.add");
    /// Audit action of changing a discount code's rules.
    pub const DISCOUNT_EDIT: AuditAction = AuditAction::new("discount.edit");
    /// Audit action of disabling or re-enabling a discount code.
    pub const DISCOUNT_STATUS: AuditAction = AuditAction::new("discount.status");

    /// Wires the service.
    pub fn new(
        plans: Arc<dyn PlanRepo>,
        discounts: Arc<dyn DiscountRepo>,
        access: Arc<dyn Authorizer>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            plans,
            discounts,
            access,
            clock,
        }
    }

    fn audit(&self, actor: UserId, action: AuditAction, target: AuditTarget, detail: Value) -> NewAuditEntry {
        NewAuditEntry::by(actor, action, target, detail, self.clock.now())
    }

    /// Adds a plan without an actor: for set-up code and tests that build a shop. Admins (bot
    /// and CLI) use [`CatalogService::add_plan`].
    pub async fn create_plan(&self, plan: NewPlan) -> Result<Plan, OrderError> {
        Ok(self.plans.insert_plan(&plan, None).await?)
    }

    /// Adds a plan (admins only, audited). A free test plan with a price is refused.
    pub async fn add_plan(&self, actor: UserId, plan: NewPlan) -> Result<Plan, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        if plan.is_test && priced(&plan.kind) {
            return Err(OrderError::TestPlanPriced);
        }
        let audit = self.audit(
            actor,
            Self::PLAN_ADD,
            AuditTarget::new("plan", "new"),
            plan_json(&Plan::from_new(PlanId::new(0), plan.clone())),
        );
        Ok(self.plans.insert_plan(&plan, Some(audit)).await?)
    }

    /// Changes a plan (admins only, audited with the plan before and after). Orders already
    /// placed keep the terms they were priced with.
    pub async fn edit_plan(&self, actor: UserId, id: PlanId, edit: &PlanEdit) -> Result<Plan, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        let before = self.plan(id).await?;
        let after = edit.apply(&before)?;
        if after.is_test && priced(&after.kind) {
            return Err(OrderError::TestPlanPriced);
        }
        let audit = self.audit(
            actor,
            Self::PLAN_EDIT,
            AuditTarget::new("plan", id),
            json!({ "from": plan_json(&before), "to": plan_json(&after) }),
        );
        match self.plans.update_plan(&after, Some(audit)).await {
            Ok(()) => Ok(after),
            Err(StorageError::NotFound(_)) => Err(OrderError::PlanNotFound(id)),
            Err(e) => Err(e.into()),
        }
    }

    /// Puts a plan on sale or takes it off (admins only, audited).
    pub async fn set_plan_active(&self, actor: UserId, id: PlanId, active: bool) -> Result<Plan, OrderError> {
        let edit = PlanEdit {
            active: Some(active),
            ..PlanEdit::default()
        };
        self.edit_plan(actor, id, &edit).await
    }

    /// One plan.
    pub async fn plan(&self, id: PlanId) -> Result<Plan, OrderError> {
        self.plans.plan(id).await?.ok_or(OrderError::PlanNotFound(id))
    }

    /// Every plan, or only those on sale.
    pub async fn plans(&self, active_only: bool) -> Result<Vec<Plan>, OrderError> {
        Ok(self.plans.plans(active_only).await?)
    }

    /// What a buyer can pick at `location`: active plans sold there.
    pub async fn plans_at(&self, location: LocationId) -> Result<Vec<Plan>, OrderError> {
        Ok(self.plans.plans_at(location).await?)
    }

    /// Adds a discount code without an actor: for set-up code and tests. Admins use
    /// [`CatalogService::add_discount`].
    pub async fn create_discount(
        &self,
        code: DiscountCode,
        terms: DiscountTerms,
        status: DiscountStatus,
    ) -> Result<Discount, OrderError> {
        self.insert_discount(code, terms, status, None).await
    }

    /// Adds a discount code (admins only, audited). A code that exists already, or one
    /// limited to a plan that does not exist, is refused.
    pub async fn add_discount(
        &self,
        actor: UserId,
        code: DiscountCode,
        terms: DiscountTerms,
        status: DiscountStatus,
    ) -> Result<Discount, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        self.plans_exist(&terms).await?;
        let audit = self.audit(
            actor,
            Self::DISCOUNT_ADD,
            AuditTarget::new("discount", "new"),
            json!({ "code": code.as_str(), "terms": terms_json(&terms), "status": status.as_str() }),
        );
        self.insert_discount(code, terms, status, Some(audit)).await
    }

    async fn insert_discount(
        &self,
        code: DiscountCode,
        terms: DiscountTerms,
        status: DiscountStatus,
        audit: Option<NewAuditEntry>,
    ) -> Result<Discount, OrderError> {
        let new = NewDiscount {
            code,
            terms,
            status,
            created_at: self.clock.now(),
        };
        match self.discounts.insert_discount(&new, audit).await {
            Ok(d) => Ok(d),
            Err(StorageError::Conflict(_)) => Err(OrderError::DiscountCodeTaken),
            Err(e) => Err(e.into()),
        }
    }

    /// Changes a code's rules (admins only, audited with the rules before and after); its uses
    /// so far are kept.
    pub async fn edit_discount(
        &self,
        actor: UserId,
        id: DiscountCodeId,
        edit: &DiscountEdit,
    ) -> Result<Discount, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        let mut discount = self.find_discount(id).await?;
        let terms = edit.apply(&discount.terms)?;
        self.plans_exist(&terms).await?;
        let audit = self.audit(
            actor,
            Self::DISCOUNT_EDIT,
            AuditTarget::new("discount", id),
            json!({ "code": discount.code.as_str(), "from": terms_json(&discount.terms), "to": terms_json(&terms) }),
        );
        match self.discounts.update_discount(id, &terms, audit).await {
            Ok(()) => {}
            Err(StorageError::NotFound(_)) => return Err(OrderError::DiscountNotFound(id)),
            Err(e) => return Err(e.into()),
        }
        discount.terms = terms;
        Ok(discount)
    }

    /// Disables a code or enables it again (admins only, audited).
    pub async fn set_discount_status(
        &self,
        actor: UserId,
        id: DiscountCodeId,
        status: DiscountStatus,
    ) -> Result<Discount, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        let mut discount = self.find_discount(id).await?;
        let audit = self.audit(
            actor,
            Self::DISCOUNT_STATUS,
            AuditTarget::new("discount", id),
            json!({ "code": discount.code.as_str(), "from": discount.status.as_str(), "to": status.as_str() }),
        );
        match self.discounts.set_discount_status(id, status, Some(audit)).await {
            Ok(()) => {}
            Err(StorageError::NotFound(_)) => return Err(OrderError::DiscountNotFound(id)),
            Err(e) => return Err(e.into()),
        }
        discount.status = status;
        Ok(discount)
    }

    /// One code with its uses so far (admins only).
    pub async fn discount(&self, actor: UserId, id: DiscountCodeId) -> Result<Discount, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        self.find_discount(id).await
    }

    /// One code by what buyers type, with its uses so far (admins only).
    pub async fn discount_by_code(&self, actor: UserId, code: &DiscountCode) -> Result<Discount, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        self.discounts
            .discount_by_code(code)
            .await?
            .ok_or(OrderError::Discount(crate::DiscountRefusal::NotFound))
    }

    /// Codes with their uses so far, newest first (admins only).
    pub async fn discounts(&self, actor: UserId, page: PageRequest) -> Result<Page<Discount>, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        Ok(self.discounts.discounts(page).await?)
    }

    /// The recorded uses of a code, newest first: buyer, order, discount, date (admins only).
    pub async fn discount_uses(
        &self,
        actor: UserId,
        id: DiscountCodeId,
        page: PageRequest,
    ) -> Result<Page<DiscountUseRecord>, OrderError> {
        self.access.require(actor, Role::Admin).await?;
        self.find_discount(id).await?;
        Ok(self.discounts.uses(id, page).await?)
    }

    /// Refuses terms that name a plan that does not exist.
    async fn plans_exist(&self, terms: &DiscountTerms) -> Result<(), OrderError> {
        for plan in terms.plans() {
            self.plan(*plan).await?;
        }
        Ok(())
    }

    async fn find_discount(&self, id: DiscountCodeId) -> Result<Discount, OrderError> {
        self.discounts
            .discount(id)
            .await?
            .ok_or(OrderError::DiscountNotFound(id))
    }
}

fn priced(kind: &PlanKind) -> bool {
    matches!(kind, PlanKind::Fixed(t) if !t.price().is_zero())
}

/// A plan as the audit log keeps it.
fn plan_json(p: &Plan) -> Value {
    let terms = match p.kind {
        PlanKind::Fixed(t) => json!({
            "kind": "fixed",
            "volume_bytes": t.volume_bytes().amount(),
            "days": t.duration_days(),
            "price": t.price().minor(),
        }),
        PlanKind::Dynamic(t) => json!({
            "kind": "dynamic",
            "price_per_gb": t.price_per_gb().minor(),
            "price_per_day": t.price_per_day().minor(),
            "gb": t.gb_range(),
            "days": t.days_range(),
        }),
    };
    json!({
        "name": p.name.as_str(),
        "description": p.description.as_ref().map(|d| d.as_str()),
        "terms": terms,
        "locations": p.locations.iter().map(|l| l.get()).collect::<Vec<_>>(),
        "test": p.is_test,
        "renewal": p.renewal.as_str(),
        "ip_limit": p.ip_limit.amount(),
        "active": p.active,
    })
}

/// A code's rules as the audit log keeps them.
fn terms_json(t: &DiscountTerms) -> Value {
    let (kind, value) = match t.value() {
        DiscountValue::Percent(p) => ("percent", i64::from(p.get())),
        DiscountValue::Fixed(m) => ("fixed", m.minor()),
    };
    let ts = |at: Option<time::OffsetDateTime>| at.map(|at| at.unix_timestamp());
    json!({
        "kind": kind,
        "value": value,
        "usage_limit": t.usage_limit(),
        "per_user_limit": t.per_user_limit(),
        "min_order": t.min_order().minor(),
        "max_discount": t.max_discount().map(|m| m.minor()),
        "valid_from": ts(t.valid_from()),
        "valid_until": ts(t.valid_until()),
        "plans": t.plans().iter().map(|p| p.get()).collect::<Vec<_>>(),
    })
}
