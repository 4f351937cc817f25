import pytest
from test_browser_store import ctx, page_of, open_fit, seed, answer, stored, expect  # noqa

@pytest.mark.parametrize("wait", [0, 100, 0, 100, 0, 100, 0, 100])
def test_probe(ctx, site, wait) -> None:
    b = page_of(ctx, "Initech")
    a = ctx.new_page()
    a.on("console", lambda m: print("A:", m.text))
    def meanwhile(dialog) -> None:
        answer(b, "complementary", "1")
        b.locator(".pb-partnership-bar").get_by_role("button", name="New partnership").click()
        expect(b.locator("select.pb-partnership option:checked")).to_have_text("Initech")
        b.wait_for_timeout(wait)
        dialog.accept()
    a.on("dialog", meanwhile)
    seed(a, site, {"pb:partnerships": {"current": "pg", "list": [{"id": "default", "name": "My partnership"},
                                                                 {"id": "pg", "name": "Globex"}]},
                   "pb:checklist:partner-fit:pg": {"answers": {"champion": 3}}})
    open_fit(a, site)
    open_fit(b, site)
    a.evaluate("""() => { addEventListener('storage', e => console.log('event', e.key, performance.now() - window.t0));
      pbStore.later = fn => { window.t0 = performance.now(); let n = 0; const was = localStorage.getItem('pb:partnerships');
        (function poll() { n++; if (localStorage.getItem('pb:partnerships') !== was) console.log('fresh after', n, performance.now() - t0);
          else if (n < 2000) setTimeout(poll); })();
        const mc = new MessageChannel(); mc.port1.onmessage = () => (()=>0)( localStorage.getItem('pb:partnerships') !== was, performance.now() - t0); mc.port2.postMessage(1);
        requestIdleCallback(() => console.log('idle', localStorage.getItem('pb:partnerships') !== was, performance.now() - t0));
        setTimeout(() => console.log('t50', localStorage.getItem('pb:partnerships') !== was, performance.now() - t0), 50);
        setTimeout(() => console.log('t30', localStorage.getItem('pb:partnerships') !== was, performance.now() - t0), 30);
      }; }""")
    a.get_by_role("button", name="More partnership actions").click()
    a.get_by_role("menuitem", name="Delete", exact=True).click()
    a.wait_for_timeout(300)
