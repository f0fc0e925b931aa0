"""Build themed Markdown pages for MkDocs from structured article source."""
