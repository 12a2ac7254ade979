//! Row ↔ domain conversions of the orders area. A row that no longer parses is reported as
//! `StorageError::Other` naming the table and id.

use std::collections::BTreeSet;

use inventory::{Allocation, ClientEmail, ClientName};
use kernel::{
    ClientAccountId, DiscountCodeId, InboundId, LocationId, Money, OrderId, PlanId, StorageError, TelegramId,
    TrackingCode, UserId,
};
use orders::{
    Discount, DiscountCode, DiscountStatus, DiscountTerms, DiscountValue, DynamicTerms, FixedTerms, Order, OrderKind,
    OrderStatus, Percent, Plan, PlanDescription, PlanKind, PlanName, Pricing, Quote, RenewalRule,
};

use crate::entity::orders::{discount_code, discount_plan, order, plan, plan_location};
use crate::error::corrupt;
use crate::time_ms::from_ms;

/// Plan kind stored for fixed plans.
pub(super) const FIXED: &str = "fixed";
/// Plan kind stored for dynamic plans.
pub(super) const DYNAMIC: &str = "dynamic";
/// Order kind stored for purchases.
pub(super) const PURCHASE: &str = "purchase";
/// Order kind stored for renewals.
pub(super) const RENEW: &str = "renew";
/// Discount kind stored for percentages.
pub(super) const PERCENT: &str = "percent";

use crate::repo::limit_column::{byte_limit, count_limit};

fn money(table: &str, id: i64, minor: i64) -> Result<Money, StorageError> {
    Money::from_minor(minor).map_err(|e| corrupt(table, id, e))
}

fn unsigned<T: TryFrom<i64>>(table: &str, id: i64, value: i64, what: &str) -> Result<T, StorageError> {
    T::try_from(value).map_err(|_| corrupt(table, id, format!("{what} {value} out of range")))
}

fn need<T>(table: &str, id: i64, value: Option<T>, what: &str) -> Result<T, StorageError> {
    value.ok_or_else(|| corrupt(table, id, format!("{what} is missing")))
}

/// A plan row and its locations → [`Plan`].
pub fn plan_from_rows(row: plan::Model, locations: &[plan_location::Model]) -> Result<Plan, StorageError> {
    const T: &str = "plan";
    let id = row.id;
    let kind = match row.kind.as_str() {
        FIXED => PlanKind::Fixed(
            FixedTerms::new(
                byte_limit(unsigned(
                    T,
                    id,
                    need(T, id, row.volume_bytes, "volume_bytes")?,
                    "volume_bytes",
                )?),
                unsigned(T, id, need(T, id, row.duration_days, "duration_days")?, "duration_days")?,
                money(T, id, need(T, id, row.price, "price")?)?,
            )
            .map_err(|e| corrupt(T, id, e))?,
        ),
        DYNAMIC => {
            let u32_of = |v: Option<i64>, what: &str| -> Result<u32, StorageError> {
                unsigned(T, id, need(T, id, v, what)?, what)
            };
            PlanKind::Dynamic(
                DynamicTerms::new(
                    money(T, id, need(T, id, row.price_per_gb, "price_per_gb")?)?,
                    money(T, id, need(T, id, row.price_per_day, "price_per_day")?)?,
                    (u32_of(row.min_gb, "min_gb")?, u32_of(row.max_gb, "max_gb")?),
                    (u32_of(row.min_days, "min_days")?, u32_of(row.max_days, "max_days")?),
                )
                .map_err(|e| corrupt(T, id, e))?,
            )
        }
        other => return Err(corrupt(T, id, format!("unknown kind {other:?}"))),
    };
    Ok(Plan {
        id: PlanId::new(id),
        name: PlanName::parse(&row.name).map_err(|e| corrupt(T, id, e))?,
        description: row
            .description
            .as_deref()
            .map(PlanDescription::parse)
            .transpose()
            .map_err(|e| corrupt(T, id, e))?,
        kind,
        locations: locations
            .iter()
            .filter(|l| l.plan_id == id)
            .map(|l| LocationId::new(l.location_id))
            .collect::<BTreeSet<_>>(),
        is_test: row.is_test,
        renewal: RenewalRule::parse(&row.renewal).ok_or_else(|| corrupt(T, id, "unknown renewal rule"))?,
        ip_limit: count_limit(unsigned(T, id, row.ip_limit, "ip_limit")?),
        active: row.active,
    })
}

/// A discount code row and its plans (rows of any codes; those of this one are taken) →
/// [`Discount`].
pub fn discount_from_row(row: discount_code::Model, plans: &[discount_plan::Model]) -> Result<Discount, StorageError> {
    const T: &str = "discount_code";
    let id = row.id;
    let value = if row.kind == PERCENT {
        DiscountValue::Percent(Percent::new(unsigned(T, id, row.value, "percent")?).map_err(|e| corrupt(T, id, e))?)
    } else {
        DiscountValue::Fixed(money(T, id, row.value)?)
    };
    let bad = |e: orders::DiscountError| corrupt(T, id, e);
    let terms = DiscountTerms::new(value)
        .map_err(bad)?
        .with_usage_limit(row.usage_limit.map(|l| unsigned(T, id, l, "usage_limit")).transpose()?)
        .map_err(bad)?
        .with_per_user_limit(
            row.per_user_limit
                .map(|l| unsigned(T, id, l, "per_user_limit"))
                .transpose()?,
        )
        .map_err(bad)?
        .with_min_order(money(T, id, row.min_order)?)
        .with_max_discount(row.max_discount.map(|m| money(T, id, m)).transpose()?)
        .with_window(
            row.starts_at.map(from_ms).transpose()?,
            row.expires_at.map(from_ms).transpose()?,
        )
        .map_err(bad)?
        .with_plans(
            plans
                .iter()
                .filter(|p| p.code_id == id)
                .map(|p| PlanId::new(p.plan_id))
                .collect(),
        );
    Ok(Discount {
        id: DiscountCodeId::new(id),
        code: DiscountCode::parse(&row.code).map_err(bad)?,
        terms,
        used_count: unsigned(T, id, row.used_count, "used_count")?,
        status: DiscountStatus::parse(&row.status).ok_or_else(|| corrupt(T, id, "unknown status"))?,
        created_at: from_ms(row.created_at)?,
    })
}

/// An order row → [`Order`].
pub fn order_from_row(row: order::Model) -> Result<Order, StorageError> {
    const T: &str = "order";
    let id = row.id;
    let kind = match row.kind.as_str() {
        PURCHASE => OrderKind::Purchase,
        RENEW => OrderKind::Renew {
            account: ClientAccountId::new(need(T, id, row.renew_account_id, "renew_account_id")?),
            rule: RenewalRule::parse(&need(T, id, row.renewal_rule.clone(), "renewal_rule")?)
                .ok_or_else(|| corrupt(T, id, "unknown renewal rule"))?,
        },
        other => return Err(corrupt(T, id, format!("unknown kind {other:?}"))),
    };
    let allocation = match (
        row.inbound_id,
        &row.client_name,
        &row.client_email,
        &row.client_uuid,
        &row.sub_id,
    ) {
        (Some(inbound), Some(name), Some(email), Some(uuid), Some(sub)) => Some(Allocation {
            inbound: InboundId::new(inbound),
            location: LocationId::new(row.location_id),
            name: ClientName::parse(name).map_err(|e| corrupt(T, id, e))?,
            email: ClientEmail::new(email).map_err(|e| corrupt(T, id, e))?,
            client_uuid: uuid.clone(),
            sub_id: sub.clone(),
        }),
        (None, None, None, None, None) => None,
        _ => return Err(corrupt(T, id, "allocation is half stored")),
    };
    Ok(Order {
        id: OrderId::new(id),
        tracking: TrackingCode::parse(&row.tracking).map_err(|e| corrupt(T, id, e))?,
        user: UserId::new(row.user_id),
        telegram_id: TelegramId::new(row.telegram_id).map_err(|e| corrupt(T, id, e))?,
        plan: PlanId::new(row.plan_id),
        location: LocationId::new(row.location_id),
        kind,
        is_test: row.is_test,
        quote: Quote {
            volume_bytes: byte_limit(unsigned(T, id, row.volume_bytes, "volume_bytes")?),
            duration_days: unsigned(T, id, row.duration_days, "duration_days")?,
            price: money(T, id, row.price)?,
        },
        ip_limit: count_limit(unsigned(T, id, row.ip_limit, "ip_limit")?),
        pricing: Pricing {
            price: money(T, id, row.price)?,
            discount: money(T, id, row.discount)?,
            discount_code: row.discount_code_id.map(DiscountCodeId::new),
            amount: money(T, id, row.amount)?,
        },
        status: OrderStatus::parse(&row.status).ok_or_else(|| corrupt(T, id, "unknown status"))?,
        allocation,
        account: row.account_id.map(ClientAccountId::new),
        failure: row.failure,
        created_at: from_ms(row.created_at)?,
        paid_at: row.paid_at.map(from_ms).transpose()?,
        closed_at: row.closed_at.map(from_ms).transpose()?,
        delivery_attempts: unsigned(T, id, row.delivery_attempts, "delivery_attempts")?,
    })
}

/// Bytes, days and limits are `u64`/`u32` in the domain and BIGINT in storage.
pub(super) fn to_i64<T: TryInto<i64>>(value: T) -> Result<i64, StorageError> {
    value
        .try_into()
        .map_err(|_| StorageError::Other("a number is too large to store".into()))
}
