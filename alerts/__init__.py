"""Alerts: what deserves one, how it reads, how it is delivered.

rules.py     a CaseChange + its case -> new_case / escalation / update / nothing
outbox.py    the `alerts` table: enqueue (unique per case and stage), due, claim, mark sent/failed, retry
compose.py   one case's due rows + the store -> an AlertMessage (plain data)
render.py    AlertMessage -> Telegram HTML (< 4,096 chars), email (text + HTML), plain text, digest
delivery.py  Notifier: Apprise URLs / YAML config with tags, per-service delivery, NotifierConfigError
redaction.py Apprise URLs and their tokens kept out of logs and the database
send.py      after the crawl: due rows -> one message per case -> deliver -> record the outcome
"""
