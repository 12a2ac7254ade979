//! Admin use cases for what is on sale: plans and discount codes. The bot and the CLI both
//! call these; role checks happen before.

use std::sync::Arc;

use kernel::{Clock, DiscountCodeId, LocationId, Page, PageRequest, PlanId, StorageError};

use crate::{
    Discount, DiscountCode, DiscountRepo, DiscountStatus, DiscountTerms, NewDiscount, NewPlan, OrderError, Plan,
    PlanRepo,
};

/// Plans and discount codes.
pub struct CatalogService {
    plans: Arc<dyn PlanRepo>,
    discounts: Arc<dyn DiscountRepo>,
    clock: Arc<dyn Clock>,
}

impl CatalogService {
    /// Wires the service.
    pub fn new(plans: Arc<dyn PlanRepo>, discounts: Arc<dyn DiscountRepo>, clock: Arc<dyn Clock>) -> Self {
        Self {
            plans,
            discounts,
            clock,
        }
    }

    /// Adds a plan.
    pub async fn create_plan(&self, plan: NewPlan) -> Result<Plan, OrderError> {
        Ok(self.plans.insert_plan(&plan).await?)
    }

    /// Replaces a plan's definition (name, terms, locations, flags). Orders already placed
    /// keep the terms they were priced with.
    pub async fn update_plan(&self, plan: Plan) -> Result<Plan, OrderError> {
        match self.plans.update_plan(&plan).await {
            Ok(()) => Ok(plan),
            Err(StorageError::NotFound(_)) => Err(OrderError::PlanNotFound(plan.id)),
            Err(e) => Err(e.into()),
        }
    }

    /// Puts a plan on sale or takes it off.
    pub async fn set_plan_active(&self, id: PlanId, active: bool) -> Result<Plan, OrderError> {
        let mut plan = self.plan(id).await?;
        plan.active = active;
        self.update_plan(plan).await
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

    /// Adds a discount code; a code that exists already is refused.
    pub async fn create_discount(
        &self,
        code: DiscountCode,
        terms: DiscountTerms,
        status: DiscountStatus,
    ) -> Result<Discount, OrderError> {
        let new = NewDiscount {
            code,
            terms,
            status,
            created_at: self.clock.now(),
        };
        match self.discounts.insert_discount(&new).await {
            Ok(d) => Ok(d),
            Err(StorageError::Conflict(_)) => Err(OrderError::DiscountCodeTaken),
            Err(e) => Err(e.into()),
        }
    }

    /// Switches a code on or off.
    pub async fn set_discount_status(&self, id: DiscountCodeId, status: DiscountStatus) -> Result<(), OrderError> {
        match self.discounts.set_discount_status(id, status).await {
            Err(StorageError::NotFound(_)) => Err(crate::DiscountRefusal::NotFound.into()),
            other => Ok(other?),
        }
    }

    /// Codes, newest first.
    pub async fn discounts(&self, page: PageRequest) -> Result<Page<Discount>, OrderError> {
        Ok(self.discounts.discounts(page).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DiscountValue, FixedTerms, MockDiscountRepo, MockPlanRepo, Percent, PlanKind, PlanName, RenewalRule};
    use kernel::{FixedClock, Money};
    use time::macros::datetime;

    fn service(plans: MockPlanRepo, discounts: MockDiscountRepo) -> CatalogService {
        CatalogService::new(
            Arc::new(plans),
            Arc::new(discounts),
            Arc::new(FixedClock::new(datetime!(2026-11-21 12:00 UTC))),
        )
    }

    fn plan() -> Plan {
        Plan {
            id: PlanId::new(4),
            name: PlanName::parse("Silver").unwrap(),
            kind: PlanKind::Fixed(FixedTerms::new(0, 30, Money::from_minor(10).unwrap()).unwrap()),
            locations: Default::default(),
            is_test: false,
            renewal: RenewalRule::RestartFromNow,
            ip_limit: 0,
            active: true,
        }
    }

    #[tokio::test]
    async fn taking_a_plan_off_sale_stores_it_inactive() {
        let mut plans = MockPlanRepo::new();
        plans.expect_plan().returning(|_| Ok(Some(plan())));
        plans
            .expect_update_plan()
            .withf(|p| p.id == PlanId::new(4) && !p.active)
            .times(1)
            .returning(|_| Ok(()));
        let p = service(plans, MockDiscountRepo::new())
            .set_plan_active(PlanId::new(4), false)
            .await
            .unwrap();
        assert!(!p.active);
    }

    #[tokio::test]
    async fn updating_a_missing_plan_says_so() {
        let mut plans = MockPlanRepo::new();
        plans
            .expect_update_plan()
            .returning(|_| Err(StorageError::NotFound("plan 4".into())));
        let err = service(plans, MockDiscountRepo::new())
            .update_plan(plan())
            .await
            .unwrap_err();
        assert!(matches!(err, OrderError::PlanNotFound(id) if id == PlanId::new(4)));
    }

    #[tokio::test]
    async fn a_duplicate_discount_code_is_refused_clearly() {
        let mut discounts = MockDiscountRepo::new();
        discounts
            .expect_insert_discount()
            .returning(|_| Err(StorageError::Conflict("discount_code.code".into())));
        let terms = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap();
        let err = service(MockPlanRepo::new(), discounts)
            .create_discount(DiscountCode::parse("MOON").unwrap(), terms, DiscountStatus::Active)
            .await
            .unwrap_err();
        assert!(matches!(err, OrderError::DiscountCodeTaken));
    }
}
