"""The site's forms and where their submissions go: one mechanism for every form.

A static site has no server of its own, so `forms` in config/site.yaml says
how a submission leaves the resident's browser:

- netlify: the form is marked for Netlify Forms, which finds it in the
  built HTML at deploy time and collects what is posted to the site.
- email: the form's action is a mailto: address, so the resident's own
  e-mail program sends it (theme/static/form-mail.js composes a readable
  message when scripts run; without them the browser writes the fields
  into the body itself).
- url: the form posts to a form handler the council runs.

Every form is rendered by the `site_form` macro (theme/templates/_forms.html)
from a `FormDelivery`, and each form's page is named in FORM_PAGES so the
headers let that page, and only that page, send a form off the site (the
Content Security Policy's form-action; see outputs/security_headers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from care_directory.model.wording import mailto

# Each form's page, as a path rule in Netlify's _headers syntax (":slug" matches one folder name).
FORM_PAGES = {
    "review": "providers/:slug/review/",
    "change": "providers/:slug/change/",
    "apply": "apply/",
}
# Netlify's honeypot: a field people never see and bots fill in, so Netlify drops their submissions.
HONEYPOT_FIELD = "bot-field"
# Netlify (and the council's handler) tell the forms apart by this field.
FORM_NAME_FIELD = "form-name"
# Where Netlify shows the resident that their form was sent.
SENT_PAGE = "forms/sent/"


@dataclass(frozen=True)
class FormDelivery:
    """How this site's forms are sent: `method` is netlify, email or url."""

    method: str
    email: str = ""
    url: str = ""

    def attributes(self, form_name: str, subject: str, base_path: str) -> dict[str, str]:
        """The <form> element's attributes for one form (the macro adds nothing of its own)."""
        common = {"name": form_name, "method": "post"}
        if self.method == "netlify":
            # Netlify answers a posted form by showing the page it was posted to: the "sent" page.
            return {
                **common,
                "action": f"{base_path}{SENT_PAGE}",
                "data-netlify": "true",
                "data-netlify-honeypot": HONEYPOT_FIELD,
            }
        if self.method == "url":
            return {**common, "action": self.url}
        # text/plain makes the browser write each field as "name=value" on a line of the e-mail's body.
        return {
            **common,
            "action": mailto(self.email, subject),
            "enctype": "text/plain",
            "data-mail-to": self.email,
            "data-mail-subject": subject,
        }

    @property
    def form_action_sources(self) -> tuple[str, ...]:
        """What a form page's form-action must allow besides the site itself."""
        if self.method == "email":
            return ("mailto:",)
        if self.method == "url":
            parts = urlsplit(self.url)
            return (f"{parts.scheme}://{parts.netloc}",)
        return ()


def form_delivery(settings: dict) -> FormDelivery:
    """The site's form delivery from its config; by e-mail to report_email when `forms` is not set."""
    forms = settings.get("forms") or {"delivery": "email", "email": settings["report_email"]}
    return FormDelivery(forms["delivery"], forms.get("email", ""), forms.get("url", ""))


def form_page_rules(delivery: FormDelivery, base_path: str) -> dict[str, tuple[str, ...]]:
    """Path rule -> form-action sources, for each form page that sends off the site (none with Netlify)."""
    sources = delivery.form_action_sources
    return {f"{base_path}{page}": sources for page in FORM_PAGES.values()} if sources else {}
