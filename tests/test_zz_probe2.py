from test_browser_store import ctx, page_of, open_fit, seed, answer, stored, expect, choose  # noqa

def test_probe(ctx, site) -> None:
    b = page_of(ctx, "Initech")
    a = ctx.new_page()
    a.on("console", lambda m: print("A:", m.text))
    def meanwhile(dialog) -> None:
        answer(b, "complementary", "1")
        expect(b.locator("input[name='complementary'][value='1']")).to_be_checked()
        dialog.accept()
    a.on("dialog", meanwhile)
    open_fit(a, site)
    answer(a, "champion", "3")
    open_fit(b, site)
    a.evaluate("""() => { addEventListener('storage', e => console.log('event', e.key, performance.now()));
      const later = pbStore.later; pbStore.later = fn => { console.log('asked', performance.now(), localStorage.getItem('pb:checklist:partner-fit'));
        later(() => { console.log('later', performance.now(), localStorage.getItem('pb:checklist:partner-fit')); fn(); }); }; }""")
    choose(a, "More actions", "Clear answers")
    a.wait_for_timeout(500)
