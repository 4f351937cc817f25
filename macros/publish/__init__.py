"""Publishing outputs made from built editions: the PDFs, the partner zip, the docs' screenshots.
May import `macros.build` and the layers below it, never `macros.serve`."""
