"""The author's live server (`make serve`): incremental rebuilds kept in memory, the error banner.
May import `macros.build` and the layers below it, never `macros.publish`."""
