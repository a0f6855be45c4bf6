"""The admin's log-in form, with its refusal worded by the project.

Django's Indonesian catalogue says "nama pengguna %(username)s", and the field's
name is itself "nama pengguna": staff read "nama pengguna nama pengguna". The
message is declared here, with the same words, so that the project's catalogue
(locale/) translates it and `makemessages` keeps it.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct %(username)s and password for a staff "
            "account. Note that both fields may be case-sensitive."
        ),
    }
