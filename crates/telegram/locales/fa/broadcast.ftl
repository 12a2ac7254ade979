# fa: پیام همگانی در منوی مدیریت (صفحه‌های اصلی در ../fa.ftl)

admin-btn-broadcasts = 📣 پیام همگانی
bc-title = <b>پیام‌های همگانی</b>، جدیدترین اول. برای دیدن نتیجه روی هرکدام بزنید.
bc-empty = <b>پیام‌های همگانی</b>. هنوز هیچ‌کدام نیست: اولین را بنویسید.
label-bc-line = #{ $id } · { $status } · { $sent }/{ $total }
bc-btn-new = ✍️ پیام همگانی تازه
bc-btn-back = ↩️ پیام‌های همگانی

## نوشتن

bc-ask-text = متن پیام همگانی را بفرستید: متن ساده، حداکثر ۴۰۹۶ نویسه.
bc-text-empty = متن خالی است. متن پیام همگانی را بفرستید.
bc-text-too-long = این متن { $len } نویسه است؛ حداکثر { $max } نویسه جا می‌شود. متن کوتاه‌تری بفرستید.
bc-ask-photo = یک عکس همراهش بفرستید، یا بدون عکس ادامه دهید.
bc-photo-too-long = زیر عکس متن حداکثر { $max } نویسه می‌تواند باشد و این متن { $len } نویسه است. بدون عکس ادامه دهید، یا با متن کوتاه‌تری از نو شروع کنید.
bc-expect-photo = یک عکس بفرستید، یا «بدون عکس» را بزنید.
bc-btn-skip-photo = ➡️ بدون عکس
bc-ask-button = دکمهٔ پیوند اضافه شود؟ آن را به شکل <code>Label | https://example.com</code> بفرستید، یا بدون دکمه ادامه دهید.
bc-button-bad = این دکمهٔ پیوند نیست. <code>Label | https://example.com</code> بفرستید: برچسبی ۱ تا ۶۴ نویسه‌ای و پیوندی با http:// یا https://.
bc-btn-skip-button = ➡️ بدون دکمه
bc-ask-audience = چه کسانی آن را دریافت کنند؟
bc-aud-all = 👥 همه
bc-aud-active = ✅ دارای سرویس فعال
bc-aud-expired = ⌛ سرویس منقضی‌شده
bc-aud-never = 🆕 هرگز خرید نکرده
bc-aud-by-location = 📍 بر اساس موقعیت
bc-aud-by-language = 🌐 بر اساس زبان
bc-ask-location = کاربرانی که در کدام موقعیت سرویس فعال دارند؟
bc-no-locations = هنوز هیچ موقعیتی نیست.
bc-ask-language = کاربرانی که ربات را به کدام زبان به کار می‌برند؟
bc-btn-other-audience = ↩️ مخاطبان دیگر

## مخاطبان

bc-audience-all = همه
bc-audience-active = کاربران دارای سرویس فعال
bc-audience-expired = کاربرانی که سرویسشان منقضی شده
bc-audience-never = کاربرانی که هرگز خرید نکرده‌اند
bc-audience-location = کاربران دارای سرویس فعال در { $location }
bc-audience-language = کاربران ربات به زبان { $language }

## پیش‌نمایش و تأیید

bc-preview-above = ⬆️ دقیقاً همین را دریافت می‌کنند.
bc-confirm = برای { $audience } فرستاده شود: { $count } کاربر؟ کاربرانی که ربات را مسدود کرده‌اند کنار گذاشته می‌شوند.
bc-empty-audience = هیچ‌کس در این گروه مخاطب ({ $audience }) نیست. گروه دیگری انتخاب کنید.
label-bc-send = 📣 ارسال به { $count } نفر

## پیشرفت و نتیجه

bc-progress-title = 📣 <b>پیام همگانی #{ $id }</b> · { $status }
bc-status-draft = ✏️ پیش‌نویس
bc-status-running = ▶️ در حال ارسال
bc-status-paused = ⏸ متوقف موقت
bc-status-cancelled = ✖️ لغوشده
bc-status-finished = ✅ پایان‌یافته
bc-progress-to = به: { $audience }
bc-progress-text = «{ $text }»
bc-progress-counts = ارسال‌شده: <b>{ $sent }</b> از { $total }
    ناموفق: { $failed } · ربات را مسدود کرده: { $blocked } · از تلگرام رفته: { $left }
bc-progress-pending = هنوز نرسیده: { $pending }
bc-progress-pace = سرعت: { $rate } پیام در ثانیه · حدود { $minutes } دقیقه و { $seconds } ثانیه مانده
bc-progress-measuring = سرعت: در حال اندازه‌گیری…
bc-draft-note = هنوز فرستاده نشده: برای پیش‌نمایش و ارسال، مخاطبان را انتخاب کنید.
bc-btn-pause = ⏸ توقف موقت
bc-btn-resume = ▶️ ادامه
bc-btn-cancel = ✖️ لغو پیام همگانی
bc-btn-refresh = 🔄 به‌روزرسانی
bc-btn-audience = 👥 انتخاب مخاطبان
bc-cancel-ask = پیام همگانی #{ $id } لغو شود؟ { $pending } کاربری که هنوز آن را نگرفته‌اند دیگر آن را نمی‌گیرند. این کار برگشت‌پذیر نیست.
bc-btn-cancel-yes = ✖️ بله، لغو شود
bc-btn-keep = ↩️ نه، بماند
bc-not-now = این پیام همگانی اکنون { $status } است؛ چیزی تغییر نکرد.
bc-gone = این پیام همگانی دیگر وجود ندارد.
