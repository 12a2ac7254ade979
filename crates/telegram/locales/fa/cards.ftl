# fa: cards messages (see ../fa.ftl for the core screens)

## Top-up: amount and methods
top-up-out-of-bounds = مبلغ افزایش موجودی باید بین { $min } و { $max } باشد. مبلغ دیگری بفرستید.
top-up-methods = افزایش موجودی <b>{ $amount }</b>. چگونه پرداخت می‌کنید؟
btn-pay-card = 💳 کارت به کارت

## Card-to-card: the card, the proof
card-pay = 💳 <b>افزایش موجودی با کارت به کارت</b>
    <b>دقیقاً { $amount }</b> به این کارت واریز کنید:

    <code>{ $digits }</code>
    { $holder } · { $bank }

    مبلغ واریز: <code>{ $exact }</code>
    کد پیگیری: <code>{ $tracking }</code>

    چند واحد اضافه بر { $requested } پرداخت شما را مشخص می‌کند و به حساب شما هم افزوده می‌شود.
    سپس عکس رسید، یا متن آن (شماره پیگیری، ساعت)، یا هر دو را ظرف { $minutes } دقیقه (تا ساعت { $time } به وقت UTC) همین‌جا بفرستید.
btn-cancel-request = ✖️ لغو این افزایش موجودی
card-cancelled = افزایش موجودی <code>{ $tracking }</code> لغو شد. مبلغی کسر نشد.
card-unavailable = پرداخت کارت به کارت در حال حاضر ممکن نیست. لطفاً بعداً دوباره امتحان کنید یا با پشتیبانی تماس بگیرید.
card-busy = در حال حاضر پرداخت‌های باز زیادی وجود دارد. لطفاً چند دقیقه دیگر دوباره امتحان کنید.
card-too-many-open = شما { $count } افزایش موجودی در انتظار دارید. رسید آن‌ها را بفرستید یا یکی را لغو کنید.
card-already-pending = این افزایش موجودی هنوز در انتظار بررسی است.
card-already-approved = این افزایش موجودی قبلاً تأیید شده است.
card-already-rejected = این افزایش موجودی قبلاً رد شده است.
card-already-expired = مهلت این افزایش موجودی تمام شده است. از کیف پول ← افزایش موجودی دوباره شروع کنید.
card-already-cancelled = این افزایش موجودی لغو شده است. از کیف پول ← افزایش موجودی دوباره شروع کنید.
card-no-open-request = شما افزایش موجودی بازی برای ارسال رسید ندارید. از کیف پول ← ➕ افزایش موجودی شروع کنید.
card-proof-bad-photo = این عکس خوانده نشد. لطفاً رسید را دوباره به صورت عکس بفرستید.
card-proof-empty = لطفاً عکس رسید یا متن آن را بفرستید.
card-proof-too-long = این متن خیلی طولانی است (حداکثر { $max } نویسه). فقط شماره پیگیری و ساعت را بفرستید.
card-proof-pending = 📨 دریافت شد. افزایش موجودی <code>{ $tracking }</code> به مبلغ { $amount } در انتظار بررسی است؛ به محض بررسی به شما خبر می‌دهیم. هنوز می‌توانید عکس یا متن اضافه کنید.

## Review in the channels
review-photo = 🧾 <code>{ $tracking }</code>
review-title = 🧾 رسید #{ $receipt } · <code>{ $tracking }</code>
review-payer = از: { $name } { $username } · شناسه { $id }
review-amount = مبلغ واریز: <b>{ $amount }</b> (درخواستی { $requested })
review-card = کارت: { $card } · { $bank } · { $holder }
review-text = متن: { $text }
review-has-photo = 📷 عکس: با همین کد پیگیری ارسال شده
review-flags = ⚠️ هشدارها: { $flags }
review-status-pending = ⏳ در انتظار بررسی
review-status-approved = ✅ تأیید شده توسط { $by } در { $date } ساعت { $time } UTC: { $credited } واریز شد
review-status-rejected = ❌ رد شده توسط { $by } در { $date } ساعت { $time } UTC: { $reason }
review-status-expired = ⌛ پیش از بررسی منقضی شد
review-status-cancelled = ✖️ توسط پرداخت‌کننده لغو شد
btn-approve = ✅ تأیید
btn-reject = ❌ رد
reject-reason-0 = واریزی با این مبلغ دریافت نشد
reject-reason-1 = مبلغ واریزی متفاوت است
reject-reason-2 = رسید خوانا نیست
reject-reason-3 = این رسید قبلاً استفاده شده است
toast-receipt-approved = ✅ تأیید شد؛ کیف پول شارژ شد.
toast-receipt-rejected = ❌ رد شد؛ دلیل به پرداخت‌کننده گفته شد.
toast-receipt-decided = درباره این رسید قبلاً تصمیم گرفته شده؛ پست نشان می‌دهد توسط چه کسی.
toast-receipt-staff-only = فقط مدیران می‌توانند رسیدها را بررسی کنند. چیزی تغییر نکرد.
notice-receipt-balance = موجودی فعلی شما: { $balance }.

## Paying an order by card
label-pay-order-card = 💳 پرداخت { $amount } با کارت
card-pay-order = این پرداخت برای سفارش #{ $order } است: به محض تأیید رسید، سرویس شما تحویل داده می‌شود.
review-order = 🛒 برای سفارش #{ $order } (پس از تأیید تحویل می‌شود)
card-proof-document = لطفاً رسید را به صورت عکس بفرستید (نه فایل)، یا متن آن را بنویسید.

## Typed decisions (in the admin's private chat)
btn-approve-other = ✏️ تأیید با مبلغ دیگر
btn-reason-typed = ✏️ نوشتن دلیل
card-ask-amount = رسید <code>{ $tracking }</code> در واقع چه مبلغی واریز کرده است؟ مبلغ درخواستی { $amount } بود. مبلغی را که باید واریز شود بفرستید.
card-ask-reason = چرا رسید <code>{ $tracking }</code> رد می‌شود؟ دلیل را بفرستید؛ پرداخت‌کننده آن را می‌خواند.
card-reason-invalid = دلیل باید ۱ تا { $max } نویسه باشد. دوباره بفرستید.
card-amount-invalid = این مبلغ معتبر نیست. فقط عدد بفرستید، برای مثال 100000.
card-rejected-done = ❌ رسید <code>{ $tracking }</code> رد شد؛ دلیل به پرداخت‌کننده گفته شد.
card-approved-done = ✅ رسید <code>{ $tracking }</code> تأیید شد: { $amount } واریز شد.
toast-receipt-asked-privately = در گفتگوی خصوصی برایتان نوشتم: همان‌جا پاسخ دهید.
toast-receipt-open-bot = ابتدا گفتگوی خصوصی با ربات را باز کنید و Start را بزنید، سپس دوباره بزنید.

## Bank SMS matching (an admin's private chat)
admin-btn-bank-sms = 📩 تطبیق پیامک بانک
sms-ask = 📩 پیامک واریز بانک (یا اعلان برنامهٔ بانک) را اینجا بچسبانید یا فوروارد کنید. مبلغ را می‌خوانم و با مبلغ یکتای درخواست‌های باز کارت به کارت تطبیق می‌دهم؛ هیچ چیز با حدس تأیید نمی‌شود.
sms-unreadable = در این متن واریزی پیدا نکردم. پیامک بانک را همان‌طور که هست فوروارد کنید (برداشت هرگز تطبیق داده نمی‌شود). چیزی تغییر نکرد.
sms-no-time = بدون ساعت
sms-no-match = 📩 واریز { $deposit } ({ $time }) خوانده شد، اما هیچ درخواست بازی دقیقاً { $amount } نیست. چیزی تغییر نکرد.
sms-ambiguous = 📩 واریز { $deposit } ({ $time }) خوانده شد، اما { $count } درخواست باز همین مبلغ را دارند ({ $receipts })؛ حدس نمی‌زنم. در کانال درباره‌شان تصمیم بگیرید. چیزی تغییر نکرد.
sms-suggested = 📩 واریز { $deposit } ({ $time }) با رسید #{ $receipt } تطبیق دارد. با یک لمس تأییدش کنید:
sms-approved = 📩 واریز { $deposit } ({ $time }) با رسید #{ $receipt } تطبیق دارد؛ کارت آن تأیید خودکار را مجاز می‌داند، پس تأیید شد.

## A superadmin's override and unflag (on the review posts)
btn-override-approve = ⚖️ لغو تصمیم: تأیید
btn-override-take-back = ⚖️ لغو تصمیم: پس گرفتن
btn-unflag = 🏳 پاک کردن نشانه‌ها
btn-override-yes = ✅ بله، انجام بده
review-override-approve-ask = ⚖️ رسید <code>{ $tracking }</code> با وجود تصمیم قبلی تأیید شود و { $amount } به پرداخت‌کننده واریز شود؟ این کار تصمیم قبلی را لغو می‌کند.
review-override-take-back-ask = ⚖️ رسید <code>{ $tracking }</code> پس گرفته شود: رد شود و { $amount } واریزشده از کیف پول پرداخت‌کننده کسر شود؟ اگر موجودی کافی نباشد انجام نمی‌شود.
review-override-reason = پس از بررسی توسط مدیر ارشد برگشت داده شد
review-unflag-ask = 🏳 نشانه‌های رسید <code>{ $tracking }</code> ({ $flags }) پاک شوند؟
toast-receipt-overridden = ⚖️ تصمیم لغو شد؛ به پرداخت‌کننده اطلاع داده شد.
toast-receipt-unflagged = 🏳 این رسید دیگر نشانه‌ای ندارد.
toast-receipt-not-overridable = تصمیم این رسید اکنون قابل لغو نیست. چیزی تغییر نکرد.
toast-receipt-cannot-take-back = موجودی پرداخت‌کننده دیگر مبلغ واریزشده را ندارد، پس نمی‌توان آن را پس گرفت. چیزی تغییر نکرد.
toast-receipt-superadmin-only = فقط مدیر ارشد می‌تواند تصمیم را لغو کند یا نشانه‌ها را پاک کند. چیزی تغییر نکرد.
