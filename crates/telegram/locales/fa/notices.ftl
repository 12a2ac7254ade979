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

## Settings: which reminders a user gets
btn-settings = ⚙️ تنظیمات
settings-title =
    ⚙️ <b>تنظیمات</b>
    یادآورها: برای خاموش یا روشن کردن هر کدام روی آن بزنید. پایان اعتبار سرویس و تمام شدن حجم همیشه اطلاع داده می‌شود.
settings-expires-3d = سه روز پیش از انقضا
settings-expires-1d = یک روز پیش از انقضا
settings-traffic-80 = مصرف ۸۰٪ حجم
settings-low-balance = موجودی کم پس از خرید
settings-always = همیشه ارسال می‌شود
label-reminder-on = 🔔 { $kind }: روشن
label-reminder-off = 🔕 { $kind }: خاموش
toast-reminder-on = یادآور روشن شد.
toast-reminder-off = یادآور خاموش شد.

## Low balance after a purchase (with a Top-up button)
notice-low-balance = 💰 موجودی شما اکنون { $balance } است، کمتر از { $price } که این خرید هزینه داشت. موجودی را افزایش دهید تا تمدید بعدی انجام شود.

## Admin alerts
notice-order-paid = 🛒 سفارش جدید <code>{ $tracking }</code>: { $amount } پرداخت شد.
notice-order-paid-renewal = 🔄 تمدید <code>{ $tracking }</code>: { $amount } پرداخت شد.
notice-panel-down = 🔴 پنل <b>{ $name }</b> از دسترس خارج است: { $problem }. تا پاسخ دادن دوباره، فروش از آن رد می‌شود.
notice-panel-up = 🟢 پنل <b>{ $name }</b> دوباره پاسخ می‌دهد.
notice-panel-sync-failed = ⚠️ همگام‌سازی پنل <b>{ $name }</b> ناموفق بود: { $error }. تا همگام‌سازی موفق بعدی، حجم و تاریخ انقضا ممکن است به‌روز نباشد.
notice-reconcile-drift = 🔍 بررسی روزانهٔ پنل‌ها تفاوت‌هایی پیدا کرد:
    { $lines }
    چیزی تغییر داده نشد. برای ساختن دوبارهٔ حساب‌های گمشده: <code>moonvpn panel reconcile --repair</code>
notice-drift-line = • <b>{ $name }</b>: { $unknown } کاربر ناشناخته برای MoonVPN، { $lost } حساب گمشده روی پنل
