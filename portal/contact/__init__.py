"""Contact requests: a member writes to an institution through the portal (issue 11, "Partner finding").

* :mod:`~portal.contact.membership`: who counts as a member (reads :mod:`portal.access`).
* :mod:`~portal.contact.models`: the stored request and what became of its e-mail.
* :mod:`~portal.contact.forms`: the member's form.
* :mod:`~portal.contact.sending`: storing and mailing a request, the one place that does both.
* :mod:`~portal.contact.views`: ``/partner/contact/<institution>/`` and its confirmation page.
* :mod:`~portal.contact.wagtail_hooks`: the Administrators' report (Reports › Contact requests).
"""
