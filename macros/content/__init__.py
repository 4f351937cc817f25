"""The content model and its validation: checklists, onboarding programmes, pages' front matter, blocks and headings.
Imports nothing else of `macros` (the bottom layer); pure Python, tested without MkDocs."""
