"""My notifications as a browser sends it: one form, every field as the page
shows it, with the person's changes."""

from django.urls import reverse

URL = reverse("admin:articles_notification_settings")


def shown(client) -> dict[str, str]:
    """The page's form as it is shown: what Save sends untouched."""
    context = client.get(URL).context
    data = {"email": context["address_form"]["email"].value() or ""}
    if context["form"].fields:
        data["language"] = context["language_form"]["language"].value()
        data.update({field.name: "on" for field in context["form"] if field.value()})
    return data


def save(client, *, untick=(), follow=True, **changes):
    """Change what `changes` names, untick the kinds in `untick`, click Save."""
    data = {**shown(client), **changes}
    for kind in untick:
        data.pop(kind, None)
    return client.post(URL, data, follow=follow)
