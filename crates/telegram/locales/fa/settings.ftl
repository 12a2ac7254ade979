# ⚙️ تنظیمات فروشگاه (سوپرادمین): راه ارتباط با پشتیبانی و زبان پیش‌فرض، در حین کار.
admin-btn-settings = ⚙️ تنظیمات فروشگاه
admin-settings-title =
    <b>⚙️ تنظیمات فروشگاه</b>
    نام فروشگاه: <b>{ $shop }</b> (فایل پیکربندی، shop.name)
    پشتیبانی: { $contact } ({ $contact_source })
    زبان پیش‌فرض: { $language } ({ $language_source })

    کاربران تازه‌ای که زبان تلگرامشان هیچ‌یک از زبان‌های ربات نیست، با زبان پیش‌فرض شروع می‌کنند. کاربران راه ارتباط با پشتیبانی را در بخش راهنما می‌بینند.
admin-settings-source-config = از فایل پیکربندی
admin-settings-source-bot = تنظیم‌شده در ربات
admin-settings-no-contact = تنظیم نشده
admin-btn-settings-contact = ✏️ پشتیبانی
admin-btn-settings-language = ✏️ زبان پیش‌فرض
admin-btn-settings-save = ✅ ذخیره
admin-settings-contact-ask = راه ارتباط تازه با پشتیبانی را بفرستید: یک @نام‌کاربری تلگرام، یک لینک t.me/…، یک لینک https:// یا یک شماره تلفن مانند +989121234567 (حداکثر ۶۴ نویسه).
admin-settings-contact-invalid = این راه ارتباط با پشتیبانی نیست. یک @نام‌کاربری تلگرام (۵ تا ۳۲ حرف لاتین، رقم یا _)، یک لینک t.me/…، یک لینک https:// یا یک شماره تلفن مانند +989121234567 با حداکثر ۶۴ نویسه بفرستید. چیزی تغییر نکرد.
admin-settings-contact-confirm = پشتیبانی از { $from } به { $to } تغییر کند؟
admin-settings-language-ask = زبان پیش‌فرض کاربران تازه را انتخاب کنید:
admin-settings-language-confirm = زبان پیش‌فرض کاربران تازه به جای { $from }، { $to } شود؟ کاربرانی که زبانشان را دارند، همان را نگه می‌دارند.
admin-settings-saved = ✅ ذخیره شد.
admin-settings-expired = این تأیید دیگر باز نیست؛ چیزی تغییر نکرد.
admin-settings-tap-confirm = زیر پیام تأیید بالا، «ذخیره» یا «انصراف» را بزنید.
