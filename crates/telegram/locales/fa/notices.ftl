# fa: notices messages (see ../fa.ftl for the core screens)

## Order outcomes, naming the order by the tracking code the buyer was shown
notice-order-fulfilled-code = ✅ سفارش <code>{ $tracking }</code> شما آماده است. کانفیگ و کد QR را از «سرویس‌های من» دریافت کنید.
notice-order-refunded-code = ↩️ سفارش <code>{ $tracking }</code> انجام نشد: { $reason }. مبلغ { $amount } به کیف پول شما برگشت.
notice-order-needs-attention-code = ⚠️ سفارش <code>{ $tracking }</code> بازپرداخت شد و نیاز به بررسی دارد: { $reason }.
