"""Responsible Minerals Clearinghouse: partner feeds and pages in; one feed, calendar, digest out.

The data flows one way (see `pipeline`)::

    config → fetch → parse/extract → classify → store → select → render / send
"""
