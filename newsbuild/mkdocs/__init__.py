"""The MkDocs plugin (`plugins: - newsbuild` in mkdocs.yml): what only the renderer can do for the site."""
