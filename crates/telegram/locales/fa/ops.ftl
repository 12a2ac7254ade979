# fa: shop operations in the admin menu: stats, audit log, backups

## Stats

ops-btn-stats = 📊 آمار
ops-btn-stats-refresh = 🔄 به‌روزرسانی
ops-stats-title = 📊 <b>آمار فروشگاه</b>
ops-stats-users = 👥 کاربران: <b>{ $total }</b> · جدید امروز { $today } · در ۷ روز { $week }
ops-stats-sales = 💰 فروش: امروز <b>{ $today }</b> · ۷ روز <b>{ $week }</b> · ۳۰ روز <b>{ $month }</b>
ops-stats-money-in = 📥 واریزها در ۳۰ روز گذشته:
ops-stats-money-in-none = 📥 در ۳۰ روز گذشته واریزی نبوده است.
ops-method-card = 💳 کارت به کارت
ops-method-adjustment = ✍️ تغییر موجودی توسط مدیر
ops-method-other = سایر
ops-stats-services = 🟢 سرویس‌های فعال: <b>{ $count }</b>
ops-stats-receipts = 🧾 رسیدهای در انتظار بررسی: <b>{ $count }</b>
ops-stats-panels-ok = 🖥 هیچ پنلی در بررسی سلامت خطا ندارد.
ops-stats-panels-failing = 🔴 پنل‌هایی که در بررسی سلامت خطا دارند:
ops-stats-chart = فروش روزانه در { $days } روز گذشته (امروز سبز): <b>{ $total }</b>

## Audit log

ops-btn-audit = 📜 گزارش رویدادها
ops-audit-title = 📜 <b>گزارش رویدادها</b> · { $total } مورد (جدیدترین اول، { $zone })
ops-audit-empty = چیزی با این فیلترها پیدا نشد.
ops-audit-system = سیستم
ops-audit-period-all = همه زمان‌ها
ops-audit-period-today = امروز
ops-audit-period-week = ۷ روز
ops-audit-period-month = ۳۰ روز
ops-audit-newer = » جدیدتر
ops-audit-older = قدیمی‌تر «
ops-audit-filter-actor = 👤 توسط { $actor }
ops-audit-filter-action = 🏷 عملیات: <code>{ $action }</code>
ops-audit-filter-day = 📅 در { $day }
ops-audit-filter-days = 📅 از { $from } تا { $to }
ops-audit-filter-since = 📅 از { $from }
ops-audit-filter-until = 📅 تا { $to }
ops-audit-btn-actor = 👤 انجام‌دهنده
ops-audit-btn-action = 🏷 عملیات
ops-audit-btn-days = 📅 روزها
ops-audit-btn-clear = ✖️ حذف فیلترها
ops-audit-actions-ask = 🏷 کدام عملیات؟ یک دسته را انتخاب کنید (سپس همهٔ آن یا یک عملیات)، یا یک عملیات را.
ops-audit-family-ask = 🏷 کدام عملیاتِ <code>{ $family }</code>؟
ops-audit-family-all = همهٔ { $family }…
ops-audit-all-actions = همهٔ عملیات‌ها
ops-audit-actor-ask = 👤 عملیات چه کسی؟ شناسهٔ تلگرام، @نام‌کاربری، کد پیگیری یکی از تراکنش‌های کیف پول او یا #شناسه را بفرستید.
ops-audit-actor-none = کسی با «{ $query }» پیدا نشد. شناسهٔ تلگرام، @نام‌کاربری، کد پیگیری یا #شناسه بفرستید، یا «انصراف» را بزنید.
ops-audit-days-ask = 📅 کدام روزها؟ یک روز، یا دو روز برای یک بازه بفرستید: ۱۴۰۵-۰۹-۱۶ یا میلادی 2026-12-07 (روزها به وقت { $zone }، هر دو سر بازه شامل).
ops-audit-days-invalid = «{ $text }» یک روز نیست. ۱۴۰۵-۰۹-۱۶ یا 2026-12-07 بفرستید، یا دو تاریخ برای یک بازه، یا «انصراف» را بزنید.

## Scheduled backups (sent to superadmins as a document)

backup-caption = 🗄 <b>پشتیبان</b> { $date }، ساعت { $time } (UTC) · { $rows } ردیف · { $size } مگابایت
    بازگردانی روی سرور: <code>moonvpn restore FILE</code>. این فایل اطلاعات همهٔ کاربران را دارد؛ آن را محرمانه نگه دارید.
backup-too-big = 🗄 پشتیبان امروز { $size } مگابایت است، بیشتر از { $limit } مگابایتی که تلگرام به ربات اجازهٔ فرستادن می‌دهد؛ برای همین فرستاده نشد. آن را روی سرور با <code>moonvpn backup</code> بگیرید.
