"""Plain-text helpers that know no app: both apps and newsroom.history use them."""


def normalise_newlines(text: str) -> str:
    """Every line end as "\\n" (browsers send "\\r\\n" from a textarea; a lone
    "\\r" is an old Mac line end)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
