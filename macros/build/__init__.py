"""One MkDocs build: the build state, hooks, the partner edition's rules, slots, joining and minifying scripts, CSP headers, atomic builds.
May import `macros.content` and `macros.render`, never `macros.publish` or `macros.serve`."""
