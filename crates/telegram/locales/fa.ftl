# MoonVPN bot, Persian. Same keys and arguments as en.ftl (a test checks).
# Arguments are wrapped in Unicode isolates automatically, so Latin text and numbers
# inside a sentence keep their direction.

## Formatting

money = { $amount } { $unit }
date = { $day } { $month } { $year }
currency-irt = تومان
currency-irr = ریال
currency-usd = دلار
currency-eur = یورو
currency-rub = روبل
currency-try = لیر
currency-aed = درهم
currency-usdt = تتر
currency-xtr = استارز
month-1 = فروردین
month-2 = اردیبهشت
month-3 = خرداد
month-4 = تیر
month-5 = مرداد
month-6 = شهریور
month-7 = مهر
month-8 = آبان
month-9 = آذر
month-10 = دی
month-11 = بهمن
month-12 = اسفند
duration-days = { $count } روز

## Start and language

start-welcome =
    سلام { $name }! به <b>MoonVPN</b> خوش آمدید.
    دسترسی سریع و امن به VPN با چند لمس. از منوی زیر گزینهٔ مورد نظرتان را انتخاب کنید.
start-welcome-back = { $name }، خوش برگشتید!
language-choose = زبان خود را انتخاب کنید:
language-saved = زبان ربات فارسی شد.
btn-lang-en = English
btn-lang-fa = فارسی
btn-lang-ru = Русский

## Main menu

menu-title = <b>منوی اصلی</b>. چه کاری می‌خواهید انجام دهید؟
btn-plans = 🛒 خرید سرویس
btn-services = 📦 سرویس‌های من
btn-wallet = 💰 کیف پول
btn-free-test = 🎁 تست رایگان
btn-help = ❓ راهنما
btn-language = 🌐 زبان
btn-back = ↩️ بازگشت
btn-menu = 🏠 منوی اصلی
btn-cancel = ✖️ انصراف

## Help

help-text =
    <b>راهنما</b>
    ابتدا کیف پول خود را شارژ کنید، سپس از «خرید سرویس» یک پلن انتخاب کنید. کانفیگ‌ها،
    کد QR و لینک اشتراک شما در «سرویس‌های من» است.
    پشتیبانی: { $contact }
help-no-contact =
    <b>راهنما</b>
    ابتدا کیف پول خود را شارژ کنید، سپس از «خرید سرویس» یک پلن انتخاب کنید. کانفیگ‌ها،
    کد QR و لینک اشتراک شما در «سرویس‌های من» است.

## Wallet

wallet-balance = موجودی کیف پول شما: <b>{ $balance }</b>
btn-top-up = ➕ افزایش موجودی
top-up-ask = مبلغ افزایش موجودی را به { $unit } بفرستید. برای مثال: { $example }
top-up-invalid = این مبلغ معتبر نیست. فقط عدد بفرستید، برای مثال: { $example }
top-up-chosen = افزایش موجودی به مبلغ <b>{ $amount }</b> ثبت شد. روش‌های پرداخت به‌زودی اینجا فعال می‌شوند.

## Not there yet

plans-soon = فروش پلن‌ها به‌زودی در ربات فعال می‌شود.
services-soon = فهرست سرویس‌های شما به‌زودی اینجا نمایش داده می‌شود.
free-test-soon = تست رایگان به‌زودی اینجا فعال می‌شود.

## Errors and short answers

pre-checkout-unavailable = این پرداخت دیگر در دسترس نیست. لطفاً دوباره از منو شروع کنید.
cancelled = لغو شد.
unknown-input = متوجه نشدم. لطفاً از منو استفاده کنید.
error-generic = مشکلی در سمت ما پیش آمد. لطفاً یک دقیقهٔ دیگر دوباره تلاش کنید.
error-blocked = حساب شما مسدود شده است. لطفاً با پشتیبانی تماس بگیرید.
toast-expired = این دکمه منقضی شده است. لطفاً دوباره منو را باز کنید.
toast-not-allowed = این دکمه برای شما نیست.
toast-done = انجام شد.

## Notices (outbox)

notice-wallet-credited = ✅ مبلغ { $amount } به کیف پول شما اضافه شد. کد پیگیری: <code>{ $tracking }</code>
notice-balance-increased = موجودی شما { $amount } افزایش یافت. دلیل: { $reason }. کد پیگیری: <code>{ $tracking }</code>
notice-balance-decreased = موجودی شما { $amount } کاهش یافت. دلیل: { $reason }. کد پیگیری: <code>{ $tracking }</code>
notice-order-fulfilled = ✅ سفارش #{ $order } شما آماده است. کانفیگ و کد QR را از «سرویس‌های من» دریافت کنید.
notice-order-refunded = ↩️ سفارش #{ $order } انجام نشد: { $reason }. مبلغ { $amount } به کیف پول شما برگشت.
notice-receipt-submitted = 🧾 رسید #{ $receipt } به مبلغ { $amount } (کد پیگیری <code>{ $tracking }</code>) منتظر بررسی است.
notice-receipt-approved = ✅ رسید #{ $receipt } شما تأیید شد و مبلغ { $amount } به کیف پول شما اضافه شد.
notice-receipt-rejected = ❌ رسید #{ $receipt } شما رد شد: { $reason }
notice-receipt-expired = ⌛ رسید #{ $receipt } شما به‌موقع بررسی نشد. لطفاً دوباره ارسال کنید یا با پشتیبانی تماس بگیرید.
notice-generic = یک اعلان جدید دارید. برای جزئیات منو را باز کنید.

## Command menu

cmd-start = شروع و ثبت‌نام
cmd-menu = منوی اصلی
cmd-help = راهنما و پشتیبانی
cmd-language = تغییر زبان
