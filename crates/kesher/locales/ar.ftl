### kesher's words in Arabic (right to left: every value placed in a sentence is isolated).

## Escalation reasons.

escalation-share = استهلك { $metric } { $percent }% من الوقت المحدد له (القاعدة { $rule })
escalation-breach = تم تجاوز الهدف { $metric } (القاعدة { $rule })
escalation-promise-broken = لم يتم الوفاء بالوعد { $promise } (القاعدة { $rule })
escalation-public-negative = كتب عميل رسالة علنية سلبية على { $channel } (القاعدة { $rule })
