"""Comment moderation admin: written in the comments issue."""
