"""The HTML that mkdocs-macros' macros return: checklist forms, onboarding programmes, the portfolio, generated lists.
May import `macros.content` only; pure functions of the model, tested without MkDocs."""
