"""Page metadata: meta tags from blocks, the canonical address, and
schema.org JSON-LD built by newsroom.seo."""

import json
from html import unescape

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.forms import SEARCH_PARAMS
from newsroom import seo

register = template.Library()

# As django.utils.html.json_script: no "</script>" or "<!--" can form inside.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def json_ld(data: dict) -> SafeString:
    """`data` in a <script type="application/ld+json">, escaped so that no text
    inside it (a headline with "</script>" in it) can end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped
    )


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article) -> str:
    return json_ld(
        seo.news_article(article, context["request"], context.get("translations") or ())
    )


@register.simple_tag(takes_context=True)
def event_json_ld(context, meeting) -> str:
    return json_ld(seo.event(meeting, context["request"]))


@register.simple_tag(takes_context=True)
def organization_json_ld(context, agency) -> str:
    return json_ld(seo.organization(agency, context["request"]))


@register.simple_tag(takes_context=True)
def person_json_ld(context, person) -> str:
    return json_ld(seo.person(person, context["request"]))


@register.simple_tag(takes_context=True)
def author_json_ld(context, profile) -> str:
    return json_ld(seo.author(profile, context["request"]))


@register.simple_tag(takes_context=True)
def website_json_ld(context) -> str:
    return json_ld(seo.website(context["request"]))


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context) -> str:
    """The page's `BreadcrumbList`: home, then the view's `breadcrumbs`
    (a list of (name, path) pairs, the current page last), if any."""
    request = context.get("request")
    if request is None:  # the server error page renders without a request
        return ""
    return json_ld(seo.breadcrumbs(request, context.get("breadcrumbs") or []))


# The pages whose query is part of what they show, by URL name: the
# parameters their own address keeps (a search is its words and filters).
ADDRESS_PARAMETERS = {"articles:search": SEARCH_PARAMS}


def page_query(context) -> str:
    """The query of this page's own address ("" or "?…"): the parameters its
    kind of page keeps (ADDRESS_PARAMETERS), those sent and not empty, and
    ?page=N on a later page of a list (`page_obj`); anything else left out."""
    request = context.get("request")
    if request is None:
        return ""
    match = request.resolver_match
    kept = ADDRESS_PARAMETERS.get(match.view_name, ()) if match else ()
    query = QueryDict(mutable=True)
    for name in kept:
        if value := request.GET.get(name):
            query[name] = value
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        query["page"] = page.number
    return f"?{query.urlencode()}" if query else ""


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's own address: its path and page_query()."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path + page_query(context))


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` (a URL path such as a media file's) with scheme and host."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.filter
def og_locale(language_code: str) -> str:
    """The Open Graph locale for a language code: "id" -> "id_ID"."""
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


@register.filter
def iso8601(value) -> str:
    """A datetime in ISO 8601, to the second, in the newsroom's time zone."""
    return seo.isoformat(value) if value else ""


class MetaTagsNode(template.Node):
    def __init__(self, names: list[str], nodelist):
        self.names = names
        self.nodelist = nodelist

    def render(self, context) -> str:
        # The enclosed text was escaped as it rendered: read it back as plain
        # text, on one line, for format_html to escape exactly once.
        content = " ".join(unescape(strip_tags(self.nodelist.render(context))).split())
        if not content:
            return ""
        return format_html_join(
            "\n  ", "{}", ((_meta_tag(name, content),) for name in self.names)
        )


def _meta_tag(name: str, content: str) -> SafeString:
    if name == "canonical":
        return format_html('<link rel="canonical" href="{}">', content)
    attribute = "property" if name.startswith(("og:", "article:")) else "name"
    return format_html('<meta {}="{}" content="{}">', attribute, name, content)


@register.tag
def metatags(parser, token):
    """{% metatags "og:title" "twitter:title" %}…{% endmetatags %}

    One tag for each name, each with the enclosed text as its content, and
    nothing at all when that text is empty. "canonical" makes a
    <link rel="canonical">; og: and article: names are Open Graph properties.
    Blocks inside still take part in template inheritance.
    """
    bits = token.split_contents()[1:]
    if not bits or any(bit[0] not in "\"'" or bit[-1] != bit[0] for bit in bits):
        raise template.TemplateSyntaxError(
            "metatags takes one or more quoted names, e.g. "
            '{% metatags "og:title" "twitter:title" %}'
        )
    nodelist = parser.parse(("endmetatags",))
    parser.delete_first_token()
    return MetaTagsNode([bit[1:-1] for bit in bits], nodelist)
