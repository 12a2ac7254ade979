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
    سلام { $name }! به <b>{ $shop }</b> خوش آمدید.
    دسترسی سریع و امن به VPN با چند لمس. از منوی زیر گزینهٔ مورد نظرتان را انتخاب کنید.
start-welcome-back = { $name }، خوش برگشتید!
language-choose = زبان خود را انتخاب کنید:
language-saved = زبان ربات فارسی شد.
btn-lang-en = English
btn-lang-fa = فارسی
btn-lang-ru = Русский

## Setup checklist (superadmins, under /start until a plan can be sold)

setup-title = 🛠 <b>راه‌اندازی فروشگاه</b> (فقط سوپرادمین‌ها این را می‌بینند). این فرمان‌ها را روی سرور، کنار moonvpn.toml، اجرا کنید:
setup-panel-done = ✅ ۱. یک پنل 3x-ui وصل است.
setup-panel-todo = ⬜ ۱. پنل 3x-ui خود را وصل کنید (لوکیشن آن هم ساخته می‌شود): <code>moonvpn panel add --url https://HOST:PORT/PATH --username admin --password-env PANEL_PASSWORD --location France --prefix FR</code>
setup-location-done = ✅ ۲. یک لوکیشن با پنل فعال در فروش است.
setup-location-todo = ⬜ ۲. در لوکیشنی بفروشید که پنل فعال دارد: <code>moonvpn location list</code> و <code>moonvpn panel list</code> آن‌ها را نشان می‌دهند؛ <code>moonvpn panel add … --location NAME</code> پنلی آنجا اضافه می‌کند.
setup-plan-done = ✅ ۳. یک پلن در فروش است.
setup-plan-todo = ⬜ ۳. یک پلن در آن لوکیشن به فروش بگذارید: <code>moonvpn plan add --name "1 month, 50 GB" --days 30 --volume-gb 50 --price PRICE --location France</code>
setup-payments = ۴. دریافت پول: وقتی مشتری به شما پرداخت کرد، کیف پولش را شارژ کنید تا با آن خرید کند: <code>moonvpn user adjust-balance TELEGRAM_ID --credit AMOUNT --reason "paid by card"</code>
setup-footer = برای دیدن پیشرفت دوباره /start بفرستید. جزئیات در docs/operations.md.

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
wallet-recent = <b>آخرین تراکنش‌ها</b>
wallet-no-history = هنوز تراکنشی ندارید.
wallet-history-title = <b>تاریخچهٔ کیف پول</b> (صفحهٔ { $page } از { $pages })
wallet-entry-credit = { $date } · { $kind } <b>+{ $amount }</b> · <code>{ $tracking }</code>
wallet-entry-debit = { $date } · { $kind } <b>−{ $amount }</b> · <code>{ $tracking }</code>
ledger-deposit = افزایش موجودی
ledger-purchase = خرید
ledger-refund = بازگشت وجه
ledger-adjustment = اصلاح موجودی
btn-history = 📜 تاریخچهٔ کامل
btn-newer = جدیدتر
btn-older = قدیمی‌تر

## Data, dates, statuses

data-gb = { $amount } گیگابایت
data-mb = { $amount } مگابایت
volume-unlimited = نامحدود
expiry-never = بدون تاریخ انقضا
expiry-days-left = { $date } ({ $left } مانده)
status-active = 🟢 فعال
status-expired = 🔴 منقضی‌شده
status-switched = ↪️ منتقل‌شده
status-disabled = ⚪ غیرفعال
renewal-add = با تمدید، حجم و روزهای جدید به باقی‌ماندهٔ سرویس اضافه می‌شود
renewal-restart = با تمدید، سرویس از روز تمدید از نو شروع می‌شود (باقی‌مانده حذف می‌شود)

## Buying

plans-choose-location = <b>خرید سرویس</b>: یک لوکیشن انتخاب کنید.
plans-none = در حال حاضر پلنی برای فروش نیست. لطفاً بعداً سر بزنید.
plans-none-here = در این لوکیشن فعلاً پلنی برای فروش نیست. لطفاً لوکیشن دیگری انتخاب کنید.
plans-sold-out = ⛔ ظرفیت { $location } فعلاً پر است: هیچ سروری در آنجا سرویس تازه نمی‌پذیرد. لطفاً لوکیشن دیگری انتخاب کنید یا بعداً دوباره امتحان کنید؛ مبلغی کسر نشد.
plans-at-location = <b>پلن‌های { $location }</b>. روی یک پلن بزنید تا مبلغ نهایی را ببینید؛ تا تأیید نکنید مبلغی کسر نمی‌شود.
plan-line =
    <b>{ $name }</b>: { $terms }
    <i>{ $rule }</i>
plan-terms-fixed = { $volume } · { $days } · { $price }
plan-terms-dynamic = هر گیگابایت { $per_gb } + هر روز { $per_day } (حجم و مدت را خودتان انتخاب می‌کنید)
plan-unavailable = این پلن دیگر در این لوکیشن فروخته نمی‌شود. لطفاً پلن دیگری انتخاب کنید.
selection-volume = قیمت <b>{ $plan }</b> بر اساس حجم و مدت است (هر گیگابایت { $per_gb }). چند گیگابایت می‌خواهید؟ عددی از { $min } تا { $max } بفرستید.
selection-days = چند روز؟ (هر روز { $per_day }) عددی از { $min } تا { $max } بفرستید.
selection-out-of-range = لطفاً یک عدد صحیح از { $min } تا { $max } بفرستید.

## Confirming and paying

confirm-title = <b>تأیید سفارش</b>
confirm-renew-title = <b>تمدید { $account }</b>
confirm-rule = 🔄 { $rule }
confirm-plan = پلن: <b>{ $plan }</b> · { $location }
confirm-volume = حجم: { $volume }
confirm-duration = مدت: { $days }
confirm-after = پس از تمدید: مجموع حجم { $volume }، معتبر تا { $expiry }
confirm-price = قیمت: { $price }
confirm-discount = تخفیف: −{ $discount }
confirm-amount = <b>مبلغ قابل پرداخت: { $amount }</b>
confirm-balance = موجودی شما: { $balance }
confirm-hint = تا روی «پرداخت» نزنید، مبلغی کسر نمی‌شود.
label-pay = ✅ پرداخت { $amount }
btn-discount = 🏷 کد تخفیف دارم
code-ask = کد تخفیف خود را بفرستید.
code-malformed = این شبیه کد تخفیف نیست (۳ تا ۳۲ حرف انگلیسی، عدد، «-» یا «_»). دوباره بفرستید یا برگردید.
code-not-found = چنین کد تخفیفی وجود ندارد. آن را بررسی کنید و دوباره بفرستید، یا برگردید.
code-expired = این کد تخفیف دیگر قابل استفاده نیست.
code-not-yet = این کد تخفیف از { $date } معتبر است.
code-minimum = این کد تخفیف فقط برای سفارش‌های دست‌کم { $min } است.
code-other-plan = این کد تخفیف برای این پلن نیست.
code-gone = ظرفیت کد تخفیف پیش از پرداخت تمام شد و مبلغی کسر نشد. لطفاً دوباره سفارش دهید.
toast-processing = ⏳ در حال انجام…
balance-short = موجودی شما <b>{ $balance }</b> است، اما این سفارش <b>{ $amount }</b> است. دست‌کم <b>{ $missing }</b> موجودی خود را افزایش دهید و سپس برگردید و پرداخت کنید. مبلغی کسر نشد.
order-paid = ✅ مبلغ { $amount } پرداخت شد. سفارش <code>{ $tracking }</code>.
order-free = ✅ بدون هزینه. سفارش <code>{ $tracking }</code>.
order-renewed = ✅ <b>{ $account }</b> تمدید شد (سفارش <code>{ $tracking }</code>). حجم: { $volume }. معتبر تا { $expiry }.
order-renewed-hint = لینک کانفیگ شما تغییر نکرده است؛ لازم نیست چیزی را روی دستگاه‌هایتان عوض کنید.
order-done = ✅ انجام شد.
order-refunded = ❌ فعلاً ساخت سرویس ممکن نشد. مبلغ { $amount } به کیف پول شما برگشت (سفارش <code>{ $tracking }</code>). لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.
order-failed-free = ❌ فعلاً ساخت سرویس ممکن نشد (سفارش <code>{ $tracking }</code>). لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.
order-setting-up = ⏳ سفارش <code>{ $tracking }</code> پرداخت شد و سرویس شما در حال ساخت است؛ سرور کند پاسخ می‌دهد. به محض آماده شدن همین‌جا برایتان می‌فرستیم (یا اگر ساخته نشود، مبلغ برمی‌گردد).
order-expired = مهلت این سفارش (<code>{ $tracking }</code>) تمام شده و مبلغی کسر نشده است. لطفاً دوباره سفارش دهید.
order-already-paid = سفارش <code>{ $tracking }</code> قبلاً پرداخت و تحویل شده است. مبلغ فقط یک بار کسر شد.
order-in-progress = سفارش <code>{ $tracking }</code> پرداخت شده و در حال آماده‌سازی است. وقتی آماده شد به شما خبر می‌دهیم.
toast-already-paid = قبلاً پرداخت شده است.

## Delivery

delivery-ready = ✅ سرویس <b>{ $name }</b> آماده است.
delivery-again = <b>{ $name }</b>
delivery-new-link = 🔗 لینک جدید <b>{ $name }</b>. آن را روی دستگاه‌هایتان وارد کنید؛ لینک قبلی دیگر کار نمی‌کند.
delivery-moved = 🌍 سرویس <b>{ $name }</b> در لوکیشن جدید آماده است.
delivery-details =
    لوکیشن: { $location }
    حجم: { $volume }
    اعتبار تا: { $expiry }
delivery-config =
    لینک کانفیگ (برای کپی، روی آن بزنید):
    <code>{ $link }</code>
delivery-subscription =
    لینک اشتراک:
    <code>{ $link }</code>
delivery-no-qr = برای این لینک کد QR ساخته نشد؛ لطفاً لینک بالا را کپی کنید.
caption-qr = کد QR سرویس <b>{ $name }</b>: آن را در برنامهٔ VPN خود اسکن کنید.
btn-open-service = 📦 مشاهدهٔ سرویس

## My services

services-none = هنوز سرویسی ندارید. یک پلن بخرید یا تست رایگان را امتحان کنید.
services-title = <b>سرویس‌های من</b>
services-line = • <b>{ $name }</b> · { $status } · { $expiry }
service-title = <b>{ $name }</b> · { $location }
service-status = وضعیت: { $status }
service-usage = مصرف: { $used } از { $total } ({ $left } باقی‌مانده)
service-usage-unlimited = مصرف: { $used } (حجم نامحدود)
service-expiry = اعتبار تا: { $expiry }
service-usage-stale = <i>سرور همین حالا پاسخ نداد؛ این‌ها آخرین آمار ثبت‌شده است.</i>
service-moved = سرویس <b>{ $name }</b> به لوکیشن دیگری منتقل شده است. سرویس جدید را در «سرویس‌های من» ببینید.
btn-renew = 🔄 تمدید
btn-new-link = 🔗 لینک جدید
btn-move = 🌍 تغییر لوکیشن
btn-qr = 📷 کد QR
renew-choose =
    <b>تمدید { $name }</b>
    وضعیت فعلی: { $volume }، معتبر تا { $expiry }.
    یک پلن انتخاب کنید؛ شیوهٔ تمدید هر پلن زیر آن آمده است. پیش از پرداخت، نتیجه را می‌بینید.
renew-none = فعلاً پلنی برای تمدید این سرویس وجود ندارد. لطفاً بعداً دوباره امتحان کنید.
renew-not-possible = این سرویس قابل تمدید نیست. لطفاً با پشتیبانی تماس بگیرید.
new-link-confirm = لینک جدید جای لینک فعلی <b>{ $name }</b> را می‌گیرد: دستگاه‌هایی که از لینک قبلی استفاده می‌کنند تا وقتی لینک جدید را وارد نکنید وصل نمی‌شوند. ادامه می‌دهید؟
btn-new-link-confirm = ✅ بله، لینک جدید بساز
new-link-done = ✅ لینک جدید برای <b>{ $name }</b> ساخته شد.
new-link-not-possible = برای این سرویس نمی‌توان لینک جدید ساخت. لطفاً با پشتیبانی تماس بگیرید.
new-link-missing = این سرویس روی سرورش پیدا نشد. لطفاً با پشتیبانی تماس بگیرید.
move-choose = <b>{ $name }</b> به کدام لوکیشن منتقل شود؟ حجم و روزهای باقی‌مانده همراه سرویس منتقل می‌شوند.
move-none = فعلاً لوکیشن دیگری برای انتقال وجود ندارد.
move-not-active = فقط سرویس فعال را می‌توان منتقل کرد. اگر سرویس تمام شده است، ابتدا آن را تمدید کنید.
move-confirm =
    <b>{ $name }</b> از { $from } به { $to } منتقل شود؟
    حجم باقی‌ماندهٔ { $left } و تاریخ انقضای { $expiry } حفظ می‌شود. لینک جدیدی می‌گیرید و لینک قبلی دیگر کار نمی‌کند.
btn-move-confirm = ✅ منتقل کن
move-done = ✅ <b>{ $old }</b> با نام <b>{ $name }</b> به { $to } منتقل شد.
move-no-capacity = آن لوکیشن فعلاً سرویس جدید نمی‌پذیرد. لطفاً لوکیشن دیگری را امتحان کنید یا بعداً تلاش کنید.
move-same = سرویس همین حالا در همان لوکیشن است.

## Free test

free-test-title = <b>تست رایگان</b>: هر نفر یک بار برای هر پلن تست.
free-test-line = • <b>{ $name }</b>: { $volume } به مدت { $days }
free-test-none = فعلاً تست رایگانی وجود ندارد. لطفاً بعداً سر بزنید.
free-test-used = شما قبلاً از این تست رایگان استفاده کرده‌اید. هر زمان بخواهید می‌توانید یک پلن بخرید.

## Errors and short answers

pre-checkout-unavailable = این پرداخت دیگر در دسترس نیست. لطفاً دوباره از منو شروع کنید.
cancelled = لغو شد.
unknown-input = متوجه نشدم. لطفاً از منو استفاده کنید.
error-generic = مشکلی در سمت ما پیش آمد. لطفاً یک دقیقهٔ دیگر دوباره تلاش کنید.
error-panel = سرور فعلاً پاسخ نمی‌دهد. چیزی تغییر نکرد؛ لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.
error-blocked = حساب شما مسدود شده است. لطفاً با پشتیبانی تماس بگیرید.
toast-expired = این دکمه منقضی شده است. لطفاً دوباره منو را باز کنید.
toast-not-allowed = این دکمه برای شما نیست.
toast-done = انجام شد.
toast-busy = ⏳ هنوز در حال انجام درخواست‌های قبلی شما هستیم. لطفاً کمی صبر کنید.

## Notices (outbox)

notice-wallet-credited = ✅ مبلغ { $amount } به کیف پول شما اضافه شد. کد پیگیری: <code>{ $tracking }</code>
notice-balance-increased = موجودی شما { $amount } افزایش یافت. دلیل: { $reason }. کد پیگیری: <code>{ $tracking }</code>
notice-balance-decreased = موجودی شما { $amount } کاهش یافت. دلیل: { $reason }. کد پیگیری: <code>{ $tracking }</code>
notice-order-fulfilled = ✅ سفارش #{ $order } شما آماده است. کانفیگ و کد QR را از «سرویس‌های من» دریافت کنید.
notice-order-refunded = ↩️ سفارش #{ $order } انجام نشد: { $reason }. مبلغ { $amount } به کیف پول شما برگشت.
notice-order-needs-attention = ⚠️ سفارش #{ $order } بازپرداخت شد و نیاز به بررسی دارد: { $reason }.
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
