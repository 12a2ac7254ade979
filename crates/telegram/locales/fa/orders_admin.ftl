## سفارش‌های یک کاربر، و بازپرداخت یا تلاش دوبارهٔ سفارش پرداخت‌شده توسط سوپرادمین (مدیران)

admin-btn-orders = 🧾 سفارش‌ها
admin-orders-title = 🧾 سفارش‌های <b>{ $name }</b>: { $total }
admin-orders-none = هنوز سفارشی ندارد.
admin-order-line = <code>{ $tracking }</code> · { $plan } · { $amount } · { $status } · { $date }
admin-order-title = 🧾 سفارش <code>{ $tracking }</code> از <b>{ $name }</b>
admin-order-status = وضعیت: { $status }
admin-order-plan = پلن: { $plan } · { $location }
admin-order-amount = مبلغ: { $amount }
admin-order-discount = مبلغ: { $amount } ({ $price } منهای { $discount } تخفیف)
admin-order-created = ثبت سفارش: { $date }
admin-order-paid-at = پرداخت: { $date }
admin-order-attempts = دفعات تلاش برای تحویل تاکنون: { $attempts }
admin-order-account = سرویس: { $account }
admin-order-failure = علت ناموفق بودن: { $reason }
admin-order-status-pending = ⏳ در انتظار پرداخت
admin-order-status-paid = 💳 پرداخت‌شده، تحویل‌نشده
admin-order-status-fulfilled = ✅ تحویل‌شده
admin-order-status-failed = ↩️ ناموفق
admin-order-status-expired = ⌛ منقضی‌شده بدون پرداخت
admin-btn-order-profile = 👤 پروفایل
admin-btn-order-override = ⚖️ تصمیم سوپرادمین
admin-order-override-ask = این سفارش پرداخت شده اما سرویس آن تحویل نشده است. اکنون چه شود؟
    ↩️ <b>بازپرداخت فوری</b>: { $amount } به کیف پول خریدار برمی‌گردد و سفارش بسته می‌شود.
    🔁 <b>تلاش دوباره</b>: همین حالا از سرور خواسته می‌شود سرویس را دوباره بسازد.
admin-btn-order-refund = ↩️ بازپرداخت فوری
admin-btn-order-retry = 🔁 تلاش دوباره
admin-order-reason-ask = به چه دلیل؟ دلیل را در یک پیام بفرستید (حداکثر { $max } نویسه). در گزارش رویدادها ثبت می‌شود و اگر سفارش بازپرداخت شود، خریدار آن را می‌خواند.
admin-order-reason-empty = دلیل خالی است. دلیل را بنویسید یا «انصراف» را بزنید.
admin-order-reason-too-long = دلیل { $chars } نویسه دارد؛ حداکثر { $max } نویسه جا می‌شود. کوتاه‌ترش کنید و دوباره بفرستید، یا «انصراف» را بزنید.
admin-order-confirm-refund = سفارش <code>{ $tracking }</code> همین حالا بازپرداخت شود؟ <b>{ $amount }</b> به کیف پول { $name } برمی‌گردد، سفارش ناموفق بسته می‌شود و اگر کلاینتی روی سرور برایش رزرو شده باشد، حذف می‌شود. به خریدار گفته می‌شود: «{ $reason }»
admin-order-confirm-retry = تحویل سفارش <code>{ $tracking }</code> همین حالا دوباره امتحان شود؟ از سرور خواسته می‌شود سرویس را فوراً بسازد؛ اگر موفق شود، { $name } سرویس را مثل همیشه دریافت می‌کند. سفارشی که همهٔ دفعات تحویلش را مصرف کرده، به جای آن بازپرداخت می‌شود. دلیل: «{ $reason }»
admin-btn-order-refund-yes = ✅ بله، بازپرداخت شود
admin-btn-order-retry-yes = ✅ بله، دوباره امتحان شود
admin-order-tap-confirm = دکمهٔ ✅ یا «انصراف» را زیر پیام تأیید بزنید.
admin-order-expired = این تأیید دیگر باز نیست؛ چیزی تغییر نکرد.
admin-order-refunded = ✅ سفارش <code>{ $tracking }</code> بازپرداخت شد: { $amount } به کیف پول خریدار برگشت و به او اطلاع داده شد.
admin-order-delivered = ✅ سفارش <code>{ $tracking }</code> همین حالا تحویل شد؛ خریدار سرویس خود را دریافت می‌کند.
admin-order-retry-refunded = ↩️ سفارش <code>{ $tracking }</code> تحویل نشد، پس بازپرداخت شد ({ $amount })؛ به خریدار اطلاع داده شد.
admin-order-in-progress = ⏳ سفارش <code>{ $tracking }</code> همین الان در حال تحویل توسط فرایند دیگری است؛ کاری انجام نشد. یک دقیقهٔ دیگر دوباره نگاه کنید.
admin-order-not-overridable = ⚠️ فقط سفارشی که پرداخت شده و تحویل نشده را می‌توان بازپرداخت یا دوباره امتحان کرد؛ وضعیت این سفارش: { $status }. چیزی تغییر نکرد.
admin-order-gone = این سفارش دیگر وجود ندارد.
