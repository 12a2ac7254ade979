# fa: admin messages (see ../fa.ftl for the core screens)

## The admin menu

admin-btn-open = 🛠 مدیریت
admin-title = <b>مدیریت</b>. چه چیزی را می‌خواهید مدیریت کنید؟
admin-btn-panels = 🖥 پنل‌ها
admin-btn-users = 👤 کاربران
admin-btn-back-home = ↩️ منوی مدیریت
admin-need-superadmin = فقط سوپرادمین می‌تواند این کار را انجام دهد.
admin-own-account = این کار را نمی‌توانید روی حساب خودتان انجام دهید.
admin-configured-superadmin = این کاربر در فایل تنظیمات سوپرادمین است؛ آن را همان‌جا تغییر دهید.
admin-user-gone = این کاربر دیگر وجود ندارد.
admin-panel-gone = این پنل دیگر وجود ندارد.

## Panels

admin-panels-title = <b>پنل‌ها</b> (🟢 فعال · 🔴 از دسترس خارج · ⚪ هنوز بررسی نشده · ⏸ خارج از فروش)
admin-panels-empty = هنوز پنلی وجود ندارد. با دکمهٔ «➕ افزودن پنل» در پایین (یا <code>moonvpn panel add</code>) یکی اضافه کنید.
admin-panels-line = { $icon } <b>{ $name }</b> · { $location } · { $inbounds } اینباند، { $clients } کلاینت
admin-panel-title = <b>{ $name }</b> · { $location }
admin-panel-off-sale = ⏸ خارج از فروش: چیز جدیدی روی آن فروخته نمی‌شود.
admin-panel-plain-http = ⚠️ HTTP ساده بدون TLS: رمز پنل و لینک‌هایی که می‌دهد رمزنگاری‌نشده منتقل می‌شوند. پنل را پشت https قرار دهید.
admin-panel-pinned = 🔒 گواهی خودامضا پین شده: <code>{ $pin }</code>
admin-panel-not-pinned = ⚠️ گواهی خودامضای آن هنوز پین نشده است؛ بررسی سلامت بعدی آن را پین می‌کند. تا آن زمان چیزی به آن فرستاده نمی‌شود.
admin-panel-reachable = ✅ در دسترس، پاسخ در { $ms } میلی‌ثانیه
admin-panel-unreachable = ❌ در دسترس نیست ({ $ms } میلی‌ثانیه): { $why }
admin-panel-xray-running = ✅ Xray در حال اجراست
admin-panel-xray-stopped = ❌ Xray متوقف است
admin-panel-xray-failed = ❌ Xray با خطا متوقف شد: { $why }
admin-panel-load = بار: پردازنده { $cpu }٪ · حافظه { $used } از { $total }
admin-panel-counts = اینباندها: { $inbounds } · کلاینت‌ها: { $clients } · حساب‌های فروخته‌شده: { $accounts }
admin-btn-sync = 🔄 همگام‌سازی
admin-btn-restart-xray = ♻️ راه‌اندازی مجدد Xray
admin-btn-back-panels = ↩️ پنل‌ها
admin-panel-synced = 🔄 همگام شد: { $clients } کلاینت خوانده شد.
admin-panel-action-failed = ⚠️ پنل این کار را انجام نداد: { $why }
admin-restart-confirm = Xray روی <b>{ $name }</b> دوباره راه‌اندازی شود؟ همه کلاینت‌های این پنل چند ثانیه قطع می‌شوند.
admin-btn-restart-yes = ♻️ بله، راه‌اندازی مجدد
admin-restart-done = ♻️ Xray دوباره راه‌اندازی شد.

## Users

admin-find-ask = شناسه تلگرام، @نام‌کاربری یا یک کد پیگیری از کیف پول کاربر را بفرستید.
admin-find-none = هیچ کاربری با <code>{ $query }</code> پیدا نشد. شناسه تلگرام، @نام‌کاربری یا کد پیگیری دیگری بفرستید.
admin-role-user = کاربر
admin-role-seller = فروشنده
admin-role-admin = ادمین
admin-role-superadmin = سوپرادمین
admin-status-active = فعال
admin-status-blocked = 🚫 مسدود
admin-user-title = 👤 <b>{ $name }</b>{ $username } · #{ $id } · تلگرام { $telegram }
admin-user-role = نقش: { $role } · وضعیت: { $status }
admin-user-since = عضویت { $date } · موجودی <b>{ $balance }</b>
admin-user-no-services = سرویسی ندارد.
admin-user-services = <b>سرویس‌ها</b> ({ $count }):
admin-user-service-line = • <code>{ $name }</code> · { $status } · { $used } از { $limit } · انقضا { $expires }
admin-user-recent = <b>آخرین تراکنش‌ها</b>:
admin-btn-block = 🚫 مسدود کردن
admin-btn-unblock = ✅ رفع مسدودی
admin-btn-grant-admin = ⭐ ادمین کردن
admin-btn-revoke-admin = ✖️ لغو ادمین
admin-btn-grant-seller = 🤝 فروشنده کردن
admin-btn-revoke-seller = ✖️ لغو فروشندگی
admin-btn-find-another = 🔎 جستجوی کاربر دیگر
admin-block-confirm = <b>{ $name }</b> (تلگرام { $telegram }) مسدود شود؟ دیگر نمی‌تواند خرید یا پرداخت کند یا از منو استفاده کند.
admin-unblock-confirm = مسدودی <b>{ $name }</b> (تلگرام { $telegram }) برداشته شود؟ دوباره می‌تواند از فروشگاه استفاده کند.
admin-btn-block-yes = 🚫 بله، مسدود شود
admin-btn-unblock-yes = ✅ بله، رفع مسدودی
admin-blocked = 🚫 مسدود شد.
admin-unblocked = ✅ مسدودی برداشته شد.
admin-role-changed = ✅ نقش تغییر کرد.
admin-btn-adjust = 💰 تغییر موجودی
admin-adjust-ask = موجودی <b>{ $name }</b>: <b>{ $balance }</b>.
    مبلغ افزایش را مثل <code>+50000</code> یا مبلغ کاهش را مثل <code>-20000</code> بفرستید.
admin-adjust-amount-invalid = این مبلغ نیست. برای افزایش مثل <code>+50000</code> و برای کاهش مثل <code>-20000</code> بفرستید.
admin-adjust-reason-ask = به چه دلیل؟ دلیل در دفتر حساب ثبت و به کاربر نشان داده می‌شود.
admin-adjust-reason-invalid = دلیلی بین ۱ تا { $max } نویسه بفرستید.
admin-adjust-confirm-credit = <b>{ $amount }</b> به موجودی <b>{ $name }</b> (تلگرام { $telegram }) اضافه شود؟
    دلیل: { $reason }
admin-adjust-confirm-debit = <b>{ $amount }</b> از موجودی <b>{ $name }</b> (تلگرام { $telegram }) کم شود؟
    دلیل: { $reason }
admin-btn-adjust-yes = ✅ بله، اعمال شود
admin-adjust-tap-confirm = برای تغییر موجودی ✅ را بزنید، یا لغو کنید.
admin-adjust-expired = این تأیید دیگر باز نیست؛ چیزی تغییر نکرد.
admin-adjust-done = 💰 موجودی تغییر کرد: اکنون <b>{ $balance }</b> (<code>{ $tracking }</code>).
admin-adjust-insufficient = ⚠️ اعمال نشد: موجودی فقط { $balance } است و نمی‌تواند منفی شود.
admin-btn-plans = 📦 پلن‌ها
admin-btn-discounts = 🏷 کدهای تخفیف
admin-plans-title = <b>پلن‌ها</b> (▶️ در فروش · ⏸ خارج از فروش). برای دیدن یا ویرایش روی یکی بزنید، یا با ➕ پلن جدید یکی بسازید.
admin-plans-empty = هنوز پلنی نیست. با ➕ پلن جدید یکی بسازید.
admin-plan-title = { $icon } <b>{ $name }</b>
admin-plan-locations = فروش در: { $locations }
admin-plan-renewal = 🔁 { $rule }
admin-plan-test = 🎁 پلن تست رایگان (یک بار برای هر کاربر)
admin-plan-on-sale = ▶️ در فروش.
admin-plan-off-sale = ⏸ خارج از فروش: خریداران آن را نمی‌بینند؛ سرویس‌های خریداری‌شده با آن کار می‌کنند.
admin-btn-plan-off = ⏸ خارج کردن از فروش
admin-btn-plan-on = ▶️ قرار دادن در فروش
admin-btn-back-plans = « پلن‌ها
admin-plan-put-on-sale = ▶️ در فروش قرار گرفت.
admin-plan-taken-off-sale = ⏸ از فروش خارج شد.
admin-plan-gone = این پلن دیگر وجود ندارد.
admin-discounts-title = <b>کدهای تخفیف</b>، جدیدترین اول (🏷 فعال · ⏸ غیرفعال). برای دیدن، ویرایش یا غیرفعال کردن روی یکی بزنید، یا با ➕ کد جدید یکی بسازید.
admin-discounts-empty = هنوز کد تخفیفی نیست. با ➕ کد جدید یکی بسازید.
admin-discount-percent = { $percent }٪
admin-discount-uses = { $used } بار استفاده شده
admin-discount-uses-limited = { $used } از { $limit } بار استفاده شده
admin-discount-title = { $icon } <code>{ $code }</code> · { $value } تخفیف
admin-discount-min-order = سفارش‌های از { $amount }
admin-discount-max = حداکثر { $amount } تخفیف
admin-discount-from = معتبر از { $date }
admin-discount-until = معتبر تا { $date }
admin-discount-plan = فقط برای پلن { $plan }
admin-discount-active = 🏷 فعال.
admin-discount-disabled = ⏸ غیرفعال: به خریدارانی که آن را وارد کنند گفته می‌شود معتبر نیست.
admin-btn-discount-off = ⏸ غیرفعال کردن
admin-btn-discount-on = 🏷 فعال کردن
admin-btn-back-discounts = « کدهای تخفیف
admin-discount-enabled = 🏷 فعال شد.
admin-discount-was-disabled = ⏸ غیرفعال شد.
admin-discount-gone = این کد تخفیف دیگر وجود ندارد.

## Connecting a panel

admin-btn-panel-add = ➕ افزودن پنل
admin-panel-add-url = <b>افزودن پنل</b> (۱/۵)
    آدرس پنل را با مسیر مخفی آن بفرستید، همان‌طور که در مرورگر باز می‌کنید، مثلاً <code>https://1.2.3.4:2053/AbCdEf</code>.
admin-panel-add-url-invalid = ⚠️ این آدرس پنل نیست: { $why }. دوباره بفرستید، مثلاً <code>https://1.2.3.4:2053/AbCdEf</code>.
admin-panel-add-username = <b>افزودن پنل</b> (۲/۵)
    نام کاربری ورود به پنل را بفرستید.
admin-panel-add-username-invalid = ⚠️ نام کاربری یک کلمه با حداکثر { $max } نویسه است. دوباره بفرستید.
admin-panel-add-location = <b>افزودن پنل</b> (۳/۵)
    سرورهای این پنل برای کدام لوکیشن هستند؟ یکی را انتخاب کنید یا «لوکیشن جدید» را بزنید.
admin-panel-add-first-location = <b>افزودن پنل</b> (۳/۵)
    هنوز لوکیشنی وجود ندارد. «لوکیشن جدید» را بزنید یا نام لوکیشن جدید را بفرستید (کاربران آن را می‌بینند، مثلاً فرانسه).
admin-btn-panel-new-location = ➕ لوکیشن جدید
admin-panel-add-location-name = نام لوکیشن جدید را همان‌طور که کاربران می‌بینند بفرستید (مثلاً فرانسه).
admin-panel-add-location-invalid = ⚠️ نام لوکیشن ۱ تا ۶۴ نویسه است. دوباره بفرستید.
admin-panel-add-prefix = لوکیشن جدید <b>{ $location }</b>: پیشوند نام کلاینت‌ها را بفرستید، ۲ تا ۵ حرف لاتین (مثلاً FR). سرویس‌های فروخته‌شده در آن با این پیشوند نام‌گذاری می‌شوند (FR-MoonVPN-1001).
admin-panel-add-prefix-invalid = ⚠️ { $why }. ۲ تا ۵ حرف لاتین بفرستید، مثلاً FR.
admin-panel-add-tls = <b>افزودن پنل</b> (۴/۵)
    گواهی https پنل از یک مرجع عمومی (مثل Let's Encrypt) است یا خودامضا؟ گواهی خودامضا در اولین اتصال با اثر انگشتش پین می‌شود.
admin-btn-panel-tls-public = 🔒 گواهی عمومی
admin-btn-panel-tls-self-signed = 📝 خودامضا
admin-panel-add-tap-choice = یکی از دکمه‌های بالا یا «انصراف» را بزنید.
admin-panel-add-password = <b>افزودن پنل</b> (۵/۵)
    رمز عبور پنل را بفرستید. اگر ورود دومرحله‌ای فعال است، رمز و کلید دومرحله‌ای را در دو خط بفرستید.
    پیام شما بلافاصله پس از خوانده شدن از این گفتگو حذف می‌شود و MoonVPN پیش از ذخیرهٔ هر چیزی وارد پنل می‌شود.
admin-panel-add-password-empty = ⚠️ رمز عبور را بفرستید (و در صورت نیاز، کلید دومرحله‌ای را در خط دوم).
admin-panel-add-failed = ❌ پنل اضافه نشد و چیزی ذخیره نشد: { $why }
    رمز را دوباره بفرستید یا «انصراف» را بزنید.
admin-panel-add-done = ✅ پنل <b>{ $name }</b> متصل شد (نسل API ‏3x-ui: { $generation }).
admin-panel-add-inbounds = { $inbounds } اینباند پیدا شد.
admin-panel-add-expired = این مرحله بسته شده است. برای شروع دوباره، پنل‌ها ← افزودن پنل را باز کنید.

## Inbounds and removing a panel

admin-btn-inbounds = 📥 اینباندها
admin-btn-panel-remove = 🗑 حذف
admin-btn-back-panel = ↩️ پنل
admin-inbounds-title = <b>اینباندهای { $name }</b> (🟢 باز · 🟡 پر · ⏸ غیرفعال در پنل)
admin-inbounds-empty = هنوز اینباندی روی این پنل نیست. یکی در پنل 3x-ui بسازید، سپس «همگام‌سازی» را بزنید.
admin-inbound-line = { $icon } { $protocol } :{ $port } · { $clients } کلاینت از { $limit } · { $sale }
admin-inbound-limit-value = { $max }
admin-inbound-no-limit = بدون محدودیت
admin-btn-inbound-limit = ✏️ سقف { $protocol } :{ $port }
admin-inbound-gone = این اینباند دیگر وجود ندارد؛ پنل را همگام کنید.
admin-inbound-limit-ask = بیشترین تعداد کلاینتی را که MoonVPN می‌تواند روی این اینباند بفروشد بفرستید (۰ یعنی بدون محدودیت). در سقف، اینباند پر نشان داده می‌شود و خریداران جدید به اینباند دیگری می‌روند.
admin-inbound-limit-invalid = ⚠️ یک عدد صحیح بفرستید، مثلاً ۱۰۰ (۰ یعنی بدون محدودیت).
admin-inbound-limit-set = ✅ سقف ذخیره شد: { $limit }.
admin-inbound-on-sale = 🛒 در حال فروش
admin-inbound-off-sale = ⛔ خارج از فروش
admin-btn-inbound-off-sale = ⛔ توقف فروش :{ $port }
admin-btn-inbound-on-sale = 🛒 فروش :{ $port }
admin-inbound-off-sale-confirm = فروش این اینباند متوقف شود؟ هیچ کلاینت جدیدی روی آن فروخته نمی‌شود؛ حساب‌هایی که الان روی آن هستند کار می‌کنند و تمدید می‌شوند. اگر همهٔ اینباندهای یک لوکیشن خارج از فروش باشند، خریداران آن لوکیشن را تمام‌شده می‌بینند.
admin-inbound-on-sale-confirm = این اینباند دوباره در فروش قرار بگیرد؟ تا وقتی جا دارد، خریداران جدید دوباره می‌توانند روی آن قرار بگیرند.
admin-btn-inbound-off-sale-yes = ⛔ بله، فروش متوقف شود
admin-btn-inbound-on-sale-yes = 🛒 بله، فروخته شود
admin-inbound-sale-off-done = ✅ فروش { $protocol } :{ $port } متوقف شد.
admin-inbound-sale-on-done = ✅ { $protocol } :{ $port } دوباره در فروش است.
admin-panel-remove-confirm = پنل <b>{ $name }</b> حذف شود؟ پنلی که چیزی روی آن فروخته نشده با اینباندهایش حذف می‌شود. به کلاینت‌های خود پنل دست زده نمی‌شود.
admin-btn-panel-remove-yes = 🗑 بله، حذف شود
admin-panel-removed = پنل حذف شد.
admin-panel-in-use = ⚠️ کاربران هنوز { $accounts } سرویس روی این پنل دارند، پس حذف نمی‌شود. ابتدا آن‌ها را به لوکیشن دیگری منتقل کنید، یا پنل را از فروش خارج کنید: برای آن سرویس‌ها نگه داشته می‌شود و چیز جدیدی روی آن فروخته نمی‌شود.
admin-btn-panel-off-sale = ⏸ به‌جای آن از فروش خارج شود
admin-panel-taken-off-sale = ⏸ از فروش خارج شد؛ برای { $accounts } سرویسی که کاربران هنوز دارند نگه داشته می‌شود.

## A user's services

admin-btn-reset-traffic = 🔄 صفر کردن ترافیک · { $name }
admin-reset-traffic-confirm = ترافیک <b>{ $name }</b> صفر شود؟ مصرف تا کنون: { $used } از { $limit }. شمارش روی پنل از صفر شروع می‌شود و سرویسی که به‌خاطر ترافیک قطع شده دوباره وصل می‌شود.
admin-btn-reset-traffic-yes = 🔄 بله، صفر شود
admin-reset-traffic-done = ✅ ترافیک { $name } صفر شد.
admin-service-gone = این سرویس دیگر وجود ندارد.

# Editing a panel (Panels → a panel → ✏️ Edit)
admin-btn-panel-edit = ✏️ ویرایش
admin-panel-edit-title = ✏️ <b>{ $name }</b>: چه چیزی تغییر کند؟
    نشانی: <code>{ $url }</code>
    نام کاربری: <code>{ $username }</code>
    رمز عبور: ••••••
    توکن API: { $token }
    کلید تأیید دومرحله‌ای: { $twofa }
    گواهی: { $tls }
admin-panel-edit-set = تنظیم شده
admin-panel-edit-unset = تنظیم نشده
admin-panel-edit-tls-self = گواهی خودامضا پذیرفته می‌شود (در اولین اتصال پین می‌شود)
admin-panel-edit-tls-public = فقط گواهی معتبر عمومی
admin-panel-field-name = نام
admin-panel-field-url = نشانی
admin-panel-field-username = نام کاربری
admin-panel-field-password = رمز عبور
admin-panel-field-token = توکن API
admin-panel-field-twofa = کلید تأیید دومرحله‌ای
admin-panel-field-tls = گواهی
admin-btn-panel-edit-tls-self = 🔓 پذیرفتن گواهی خودامضا
admin-btn-panel-edit-tls-public = 🔒 فقط گواهی معتبر
admin-panel-edit-ask = { $field } جدید را برای <b>{ $name }</b> بفرستید.
admin-panel-edit-ask-password = رمز عبور جدید <b>{ $name }</b> را بفرستید. پیش از ذخیره، ورود به پنل با آن آزموده می‌شود؛ پیام شما پس از خواندن از گفتگو پاک می‌شود.
admin-panel-edit-ask-secret = { $field } جدید را برای <b>{ $name }</b> بفرستید، یا <code>-</code> برای حذف آن. پیام شما پس از خواندن از گفتگو پاک می‌شود.
admin-panel-edit-secret-invalid = کلید باید یک کلمه و بدون فاصله باشد.
admin-panel-edit-invalid = ⚠️ { $why } دوباره بفرستید یا انصراف دهید.
admin-panel-edit-failed = ❌ ذخیره نشد و چیزی تغییر نکرد: { $why }. دوباره بفرستید یا انصراف دهید.
admin-panel-edit-same = تنظیم پنل همین است؛ چیزی تغییر نکرد. مقدار دیگری بفرستید یا انصراف دهید.
admin-panel-edit-done = ✅ { $field } ذخیره شد.
