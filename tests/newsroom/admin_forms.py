"""Fill in an admin change form the way a browser would submit it."""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation


def admin_form_data(response) -> dict:
    """The POST data of the change form on an admin page, as shown: the main
    form, every inline formset and their management forms."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        data = form_data(response.context["adminform"].form)
        for inline in response.context["inline_admin_formsets"]:
            data.update(form_data(inline.formset.management_form))
            for form in inline.formset.forms:
                data.update(form_data(form))
    return data


def form_data(form) -> dict:
    data: dict = {}
    for bound in form:
        widget = bound.field.widget
        while isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        context = widget.get_context(bound.html_name, bound.value(), widget.attrs)
        _collect(context["widget"], data)
    return data


def _collect(widget: dict, data: dict) -> None:
    if widget.get("subwidgets"):
        for subwidget in widget["subwidgets"]:
            _collect(subwidget, data)
        return
    kind = widget.get("type")
    if kind == "file":
        return
    if kind == "checkbox":
        if widget["attrs"].get("checked"):
            data[widget["name"]] = "on"
        return
    value = widget["value"]
    data[widget["name"]] = "" if value is None else value


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def opened(client, obj) -> dict:
    """The change form of `obj` as the browser sends it back."""
    page = client.get(admin_url(type(obj), "change", obj.pk))
    assert page.status_code == 200
    return admin_form_data(page)


def as_sent(data: dict) -> dict:
    """The form as a browser sends it: a textarea's lines end in CR LF."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


def saves(client, obj, data):
    """The change form of `obj` sent with `data` (Save pressed)."""
    return client.post(admin_url(type(obj), "change", obj.pk), data)


def save_in_admin(client, obj, **changes):
    """Open the object's admin change page, change some fields, press Save."""
    url = admin_url(type(obj), "change", obj.pk)
    page = client.get(url)
    assert page.status_code == 200
    data = admin_form_data(page)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def filled_add_form(client, section, *, url: str = "", **values) -> dict:
    """The article add page's form as the browser shows it, then filled in
    with a short story (Save pressed, unless `values` press another button:
    `_transition="publish"`, with `_save=None` to drop Save)."""
    from articles.models import Article

    data = admin_form_data(client.get(url or admin_url(Article, "add")))
    data.update(
        title="Delegasi NICA tiba di Sentul",
        slug="delegasi-nica-tiba-di-sentul",
        body="Delegasi Filipina tiba untuk _Joint Working Group_ ke-4.",
        language="id",
        section=str(section.pk),
        tags="terorisme",
        _save="Save",
    )
    data.update(values)
    return {name: value for name, value in data.items() if value is not None}


def messages_of(response) -> list[str]:
    """The messages the response left for the next page, as they read."""
    return [str(message) for message in get_messages(response.wsgi_request)]
