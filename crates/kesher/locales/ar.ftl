### kesher's words in Arabic (right to left: every value placed in a sentence is isolated).

## Escalation reasons.

escalation-share = استهلك { $metric } { $percent }% من الوقت المحدد له (القاعدة { $rule })
escalation-breach = تم تجاوز الهدف { $metric } (القاعدة { $rule })
escalation-promise-broken = لم يتم الوفاء بالوعد { $promise } (القاعدة { $rule })
escalation-public-negative = كتب عميل رسالة علنية سلبية على { $channel } (القاعدة { $rule })

## The service report.

report-title = تقرير تجربة العملاء
report-cases = طلبات
report-cases-title = الطلبات
report-dropped = هبطت إليها
report-percent-space = { "" }
report-below = أقل من
report-from = من
report-to = إلى
report-as-of = قُرئت الساعات في
report-inputs = المدخلات
report-refused-cases = طلبات تعذّر تقييمها (مستبعدة من كل الأرقام)
report-read = صفوف قُرئت
report-accepted = قُبلت
report-rejected = رُفضت
report-median-first-response = وسيط زمن الرد الأول
report-p90-first-response = 90% تلقّوا ردًا خلال
report-within-sla = الرد الأول ضمن اتفاقية الخدمة
report-fcr = الحل من أول تواصل
report-unanswered = رسائل بلا رد
report-public-balance = الرسائل العلنية + / −
report-customer-said = ما كتبه العميل في نقاطه الحرجة (UTC):
report-waiting = طلبات مفتوحة تنتظر ردًا
report-transfers = التحويلات
report-to-win-back = عملاء يجب استعادتهم
report-by-brand = حسب العلامة التجارية
report-by-channel = حسب قناة التواصل الأول
report-brand = العلامة التجارية
report-channel = القناة
report-hardest-stage = المرحلة المعرّضة للمشاكل
report-first-response-distribution = الوقت حتى الرد الأول
report-no-answer = بلا رد
report-emotion-pattern = كيف يشعر العملاء: النمط المعتاد
report-lowest-journey = الرحلة التي هبطت إلى أدنى مستوى
report-prone-to-trouble = مراحل معرّضة للمشاكل
report-no-trouble = لا توجد مرحلة فيها هبوط أو قاع.
report-problems = مشاكل متكررة
report-problems-intro = الطلبات مجمّعة حسب كلمات رسالتها الأولى، من الأكبر إلى الأصغر: الصفوف الأولى مرشّحة للأسئلة الشائعة، والإجابات ردود من طلبات انتهت بشكل جيد.
report-problems-sampled = جُمّعت من عيّنة منتظمة (مختارة حسب معرّف الطلب) من الطلبات الموصوفة؛ الأعداد للعيّنة، والنسب تنطبق على الكل:
report-of = من
report-problem = المشكلة
report-terms = الكلمات
report-share = النسبة
report-cumulative = تراكمي
report-example = مثال
report-answer-candidate = إجابة نجحت
report-retention = الاحتفاظ بالعملاء
report-win-back = استعادة
report-nurture = رعاية
report-word-of-mouth = الكلام المتناقل
report-customer = العميل
report-score = الدرجة
report-facts = السبب
report-nurture-needs-records = الرعاية تحتاج سجلات عملاء بمشترياتهم (kesher report --customers FILE).
report-of-total = من
report-contracts = عقود الخدمة كما يقرؤها العملاء
report-coverage = تغطية القنوات
report-contacts = تواصلات العملاء
report-covered = مغطّاة
report-partial = مغطّاة جزئيًا
report-uncovered = بلا عقد
report-no-contracts = لم تُعطَ عقود خدمة (kesher report --contracts FILE): الالتزام باتفاقية الخدمة والبيانات والتغطية تحتاجها.
report-not-available = غير متوفر
report-no-resolutions = لا يوجد طلب في البيانات يسجّل حلًا
report-method = كيف حُسب هذا
report-method-text = أعاد kesher بناء كل طلب من أحداثه. الرد الأول هو الوقت من فتح الطلب حتى أول إجابة من شخص، بالوقت التقويمي؛ ويُحسب الالتزام باتفاقية الخدمة بساعات العمل في تقويم كل عقد، دون فترات التوقف. المشاعر هي نموذج kesher (موثّق في kesher::EmotionEffects) ورسائل العملاء مقيّمة بالمعجم المدمج؛ وتُظهر الرحلة الأدنى نقاط التحول والنقاط الحرجة.
report-min = د
report-hours = س
report-days = ي
report-seconds = ث
report-none = لا شيء
report-more-brands = علامات تجارية أخرى في الجدول أعلاه

## The emotion graph's pictures.

emotion-level-furious = غاضب جدًا
emotion-level-angry = غاضب
emotion-level-frustrated = محبط
emotion-level-neutral = محايد
emotion-level-satisfied = راضٍ
emotion-level-happy = سعيد
emotion-level-wow = مبهور
journey-turning-point = نقطة تحول
journey-lowest = الأدنى
journey-below = تحت الحد
journey-median = الوسيط
journey-journeys = رحلات
journey-prone-to-trouble = معرّضة للمشاكل
stage-before = قبل
stage-during = أثناء
stage-after = بعد
stage-first_contact = التواصل الأول
stage-waiting = الانتظار
stage-answer = الرد
stage-resolution = الحل
stage-follow_up = المتابعة
stage-order = الطلب
stage-delivery = التوصيل

## Retention facts (counts written as "label: n", which needs no plural agreement).

retention-feels = يشعر بـ { $level } (الأحدث، خلال آخر { $days } يومًا)
retention-breaches = أهداف خدمة تم تجاوزها أو تحقيقها متأخرًا: { $count }
retention-broken = وعود لم يتم الوفاء بها: { $count }
retention-open = طلبات ما زالت مفتوحة وتنتظر ردًا: { $count }
retention-purchases = عدد المشتريات: { $count }
retention-birthday = عيد الميلاد في { $date }: أرسل تهنئة
retention-monthly = يوافق على تواصل شهري
retention-public = رسائل علنية على { $channel }: { $count }
retention-balance = الرصيد { $balance }

## Releasing a customer.

release-message = { $refund ->
    [none] { $customer }، نأسف لأننا لم نتمكن من حل هذا الأمر كما أردت. شكرًا لأنك منحتنا الفرصة؛ نأمل أن تختارنا مرة أخرى.
   *[other] { $customer }، نأسف لأننا لم نتمكن من حل هذا الأمر كما أردت. لقد أعدنا لك { $refund }. شكرًا لأنك منحتنا الفرصة؛ نأمل أن تختارنا مرة أخرى.
}

## Dates and weekdays.

date-day-month = { $day } { $month ->
    [1] يناير
    [2] فبراير
    [3] مارس
    [4] أبريل
    [5] مايو
    [6] يونيو
    [7] يوليو
    [8] أغسطس
    [9] سبتمبر
    [10] أكتوبر
    [11] نوفمبر
   *[12] ديسمبر
}
weekday = { $weekday ->
    [mon] الاثنين
    [tue] الثلاثاء
    [wed] الأربعاء
    [thu] الخميس
    [fri] الجمعة
    [sat] السبت
   *[sun] الأحد
}
weekday-range = { $first }–{ $last }
list-separator = {"، "}
list-and = { $head } و{ $last }
list-and-times = { $head } و{ $last }

## Durations, as they read after "خلال" (within): the dual in the genitive. Counted in
## working hours: "من ساعات العمل" after the whole duration.

-business = من ساعات العمل
duration-seconds = { $basis ->
    [business] { $n ->
        [one] ثانية واحدة { -business }
        [two] ثانيتين { -business }
        [few] { $n } ثوانٍ { -business }
       *[other] { $n } ثانية { -business }
    }
   *[calendar] { $n ->
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $n } ثوانٍ
       *[other] { $n } ثانية
    }
}
duration-minutes = { $basis ->
    [business] { $n ->
        [one] دقيقة واحدة { -business }
        [two] دقيقتين { -business }
        [few] { $n } دقائق { -business }
       *[other] { $n } دقيقة { -business }
    }
   *[calendar] { $n ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $n } دقائق
       *[other] { $n } دقيقة
    }
}
duration-hours = { $basis ->
    [business] { $n ->
        [one] ساعة واحدة { -business }
        [two] ساعتين { -business }
        [few] { $n } ساعات { -business }
       *[other] { $n } ساعة { -business }
    }
   *[calendar] { $n ->
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $n } ساعات
       *[other] { $n } ساعة
    }
}
duration-hours-minutes = { $hours ->
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $hours } ساعات
   *[other] { $hours } ساعة
} و{ $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
}{ $basis ->
    [business] { " " }{ -business }
   *[calendar] {""}
}
duration-days = { $basis ->
    [business] { $n ->
        [one] يوم واحد { -business }
        [two] يومين { -business }
        [few] { $n } أيام { -business }
        [many] { $n } يومًا { -business }
       *[other] { $n } يوم { -business }
    }
   *[calendar] { $n ->
        [one] يوم واحد
        [two] يومين
        [few] { $n } أيام
        [many] { $n } يومًا
       *[other] { $n } يوم
    }
}

## SLA statements.

statement-channel = { $channel ->
    [any] طلباتكم
    [phone] المكالمات الهاتفية
    [email] رسائل البريد الإلكتروني
    [voicemail] رسائل البريد الصوتي
    [facebook_page] المنشورات على صفحتنا في فيسبوك
    [facebook_messenger] رسائل فيسبوك ماسنجر
    [twitter] الرسائل على تويتر
    [whatsapp] رسائل واتساب
    [sms] الرسائل النصية
    [chat] رسائل الدردشة
    [web_form] الطلبات الواردة من نموذج موقعنا
    [store_visit] الطلبات في متاجرنا
   *[other] الرسائل على { $name }
}
statement-priority = { $priority ->
    [urgent] للطلبات العاجلة
    [high] للطلبات ذات الأولوية العالية
    [low] للطلبات ذات الأولوية المنخفضة
   *[normal] للطلبات العادية
}
statement-within-priority = { $duration } { $requests }
statement-target = { $metric ->
    [acknowledgement] نؤكد استلام { $what } خلال { $within }
    [first_response] نرد على { $what } خلال { $within }
    [next_response] نرد على كل رسالة إضافية خلال { $within }
    [resolution] نحل الطلب خلال { $within }
    [follow_up] نتواصل معكم خلال { $within } للتأكد من حل المشكلة
   *[other] نرد على كل تواصل من هذا النوع خلال { $within }
}
statement-hours-on = { $days } { $times }
statement-around-the-clock = على مدار الساعة
statement-except-holidays = باستثناء العطلات
statement-business-hours = { " " }({ $hours })
statement = نحن { $targets }{ $hours }.
statement-contact = { $kind ->
    [voicemail] رسائل البريد الصوتي
    [missed_call] المكالمات الفائتة
    [call] المكالمات
    [visit] الزيارات
   *[other] الرسائل
}
statement-contacts-on = { $contacts } على { $channels }
statement-contacts-public = { $contacts } المنشورة علنًا
statement-call-back = نعاود الاتصال بشأن { $what } خلال { $within }{ $hours }.
statement-answer = نرد على { $what } خلال { $within }{ $hours }.

## The acknowledgement.

acknowledgement-today = اليوم الساعة { $time }
acknowledgement-this-week = يوم { $weekday } الساعة { $time }
acknowledgement-later = يوم { $weekday } { $date } الساعة { $time }
acknowledgement = تم استلام طلبك. سنعود إليك خلال { $within }، بحلول { $by }.

## Built-in reply templates.

template-reply-greeting = مرحبًا { $customer }، معك { $agent } من { $company }.
template-reply-thanks = شكرًا لإبلاغنا.
template-reply-solution = { $solution }
template-reply-closing = شكرًا لتواصلك معنا. هل هناك أي شيء آخر يمكنني مساعدتك فيه؟
template-delay-greeting = مرحبًا { $customer }، معك { $agent } من { $company }.
template-delay-thanks = شكرًا لإخبارنا بأن الطلب { $order } قد تأخر، ونعتذر عن الانتظار.
template-delay-solution = { $solution } سنوافيك بالمستجدات بحلول { $promised_time }.
template-delay-closing = شكرًا على صبرك. هل هناك أي شيء آخر يمكنني مساعدتك فيه؟

## Follow-ups after the resolution.

follow-up-message = { $number ->
    [1] مرحبًا { $customer }، نأمل أن تكون مشكلتك قد حُلّت. إذا كان هناك ما لا يزال غير صحيح، فما عليك سوى الرد على هذه الرسالة.
   *[other] مرحبًا { $customer }، نتواصل معك مرة أخرى: هل يعمل كل شيء الآن؟ إن لم يكن كذلك، رد علينا وسنتولى الأمر.
}
follow-up-last = مرحبًا { $customer }، هذه متابعتنا الأخيرة: سنعتبر طلبك محلولًا ما لم ترد. شكرًا على صبرك.
follow-up-why-not-resolved = الطلب لم يُحل بعد
follow-up-why-status = { $status ->
    [closed] الطلب مغلق
    [released] تم إنهاء العلاقة مع العميل
    [reopened] أُعيد فتح الطلب
   *[other] الطلب لم يعد محلولًا
}
follow-up-why-confirmed = أكد العميل بعد الحل
follow-up-why-answered = رد العميل بعد الحل
follow-up-why-limit = تم بلوغ الحد الأقصى لرسائل المتابعة: { $limit }
follow-up-why-no-consent = لم يوافق العميل على رسائل المتابعة
follow-up-why-due = رسالة المتابعة { $number } من { $limit }
