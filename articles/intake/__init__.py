"""Wire copy in: agencies' plain-text reports read into draft articles.

`parser.parse_copy` reads the text (no database); `services.article_import`
turns one file into a draft, linking what agencies.recognition finds.
"""
