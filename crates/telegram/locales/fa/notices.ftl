# fa: notices messages (see ../fa.ftl for the core screens)

## Order outcomes, naming the order by the tracking code the buyer was shown
notice-order-fulfilled-code = ✅ سفارش <code>{ $tracking }</code> شما آماده است. کانفیگ و کد QR را از «سرویس‌های من» دریافت کنید.
notice-order-refunded-code = ↩️ سفارش <code>{ $tracking }</code> انجام نشد: { $reason }. مبلغ { $amount } به کیف پول شما برگشت.
notice-order-needs-attention-code = ⚠️ سفارش <code>{ $tracking }</code> بازپرداخت شد و نیاز به بررسی دارد: { $reason }.

## Reminders (each with a Renew button)
reminder-expires-3d = ⏳ سرویس <b>{ $name }</b> سه روز دیگر، در { $date }، منقضی می‌شود. همین حالا تمدید کنید تا بدون وقفه کار کند.
reminder-expires-1d = ⏳ سرویس <b>{ $name }</b> فردا، در { $date }، منقضی می‌شود. همین حالا تمدید کنید تا بدون وقفه کار کند.
reminder-expired = ⛔ سرویس <b>{ $name }</b> منقضی شده است. برای اتصال دوباره آن را تمدید کنید.
reminder-traffic-80 = 📊 سرویس <b>{ $name }</b> ۸۰٪ حجم خود را مصرف کرده است. برای افزودن حجم تمدید کنید.
reminder-traffic-100 = ⛔ حجم سرویس <b>{ $name }</b> تمام شده است. برای اتصال دوباره آن را تمدید کنید.
