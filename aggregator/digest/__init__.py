"""The email digest: what goes in it, when, how it looks, and how it is sent.

    content.py     select_digest: the items of one digest (pure)
    schedule.py    parse_schedule, due_period: when a digest is due (pure)
    subscribers.py the subscribers file, suppression, and who gets which edition (pure)
    render.py      render_digest: one edition's HTML and text in its language; whatsapp_text
    mail.py        the subject and one message per recipient
    recipients.py  digest_recipients: who it goes to, read in one place
    outbox.py      the digests, their editions and recipients in SQLite, before and after sending
    archive.py     each issue's web copies and WhatsApp texts on the site, and their index
    delivery.py    deliver_digest: the above wired together
    channels/      how a message reaches a recipient (CHANNELS; SMTP)

Nothing is imported here, so reading the schedule (config) does not load
the rendering and sending code.
"""
