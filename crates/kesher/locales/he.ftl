### kesher's words in Hebrew (right to left: every value placed in a sentence is isolated).

## Escalation reasons.

escalation-share = { $metric } ניצל { $percent }% מהזמן שלו (כלל { $rule })
escalation-breach = היעד { $metric } הופר (כלל { $rule })
escalation-promise-broken = ההבטחה { $promise } הופרה (כלל { $rule })
escalation-public-negative = לקוח כתב הודעה שלילית פומבית ב{ $channel } (כלל { $rule })
