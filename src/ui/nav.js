// Client-side navigation for Gongkai's server-rendered pages.
//
// Same-site links and GET forms are fetched and the page's changing parts
// (<main>, the main navigation, the footer, <title>, the description and the
// <html> class) are swapped in place; islands in the new parts are then
// hydrated. The document, its scripts and the header's islands stay, so
// moving between pages costs one HTML request and no reload; back and
// forward restore the page and its scroll position. Anything unusual (a
// download, a POST form, another site, an error) falls back to the browser.
(() => {
  if (!window.fetch || !window.history || !window.DOMParser) return;
  const SWAP = ['#main', '.app-nav', '.app-footer'];
  const SKIP = /^\/(api|attachments|feed|sitemap|pkg|prefs)(\/|\.|$)|\.(xml|csv|txt|json|pdf|png|jpe?g|svg|zip)$/i;
  let current = 0;

  function eligible(url) {
    return url.origin === location.origin && !SKIP.test(url.pathname);
  }

  function saveScroll() {
    history.replaceState({ ...(history.state || {}), gkScroll: [scrollX, scrollY] }, '');
  }

  async function go(url, { push, scroll }) {
    const ticket = ++current;
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    } catch {
      location.assign(url);
      return;
    }
    const type = res.headers.get('content-type') || '';
    if (!type.includes('text/html')) {
      location.assign(url);
      return;
    }
    const html = await res.text();
    if (ticket !== current) return;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    if (SWAP.some((sel) => !doc.querySelector(sel) || !document.querySelector(sel))) {
      location.assign(url);
      return;
    }
    const finalUrl = res.redirected ? res.url : url.toString();
    if (push) history.pushState({ gk: 1 }, '', finalUrl);
    document.title = doc.title;
    const desc = doc.querySelector('meta[name="description"]');
    const ours = document.querySelector('meta[name="description"]');
    if (desc && ours) ours.setAttribute('content', desc.getAttribute('content') || '');
    document.documentElement.className = doc.documentElement.className;
    for (const sel of SWAP) {
      const fresh = document.adoptNode(doc.querySelector(sel));
      document.querySelector(sel).replaceWith(fresh);
      for (const island of fresh.querySelectorAll('leptos-island')) {
        if (window.__hydrateIsland) window.__hydrateIsland(island, island.dataset.component);
      }
    }
    const main = document.querySelector('#main');
    const target = new URL(finalUrl).hash && document.getElementById(decodeURIComponent(new URL(finalUrl).hash.slice(1)));
    if (scroll) scrollTo(scroll[0], scroll[1]);
    else if (target) target.scrollIntoView();
    else scrollTo(0, 0);
    const focus = main.querySelector('[autofocus]') || main;
    focus.focus({ preventScroll: true });
    document.dispatchEvent(new CustomEvent('gongkai:navigated', { detail: { url: finalUrl } }));
  }

  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target instanceof Element && ev.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || (a.getAttribute('rel') || '').includes('external')) return;
    const url = new URL(a.href, location.href);
    if (!eligible(url)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) {
      // A link within the page (the error summary's, the skip link): move
      // there and focus it, as GOV.UK does. Leaving it to the browser
      // reloads a page that answered a POST, losing what was typed.
      const el = document.getElementById(decodeURIComponent(url.hash.slice(1)));
      if (el) {
        ev.preventDefault();
        el.scrollIntoView({ block: 'center' });
        el.focus({ preventScroll: true });
      }
      return;
    }
    ev.preventDefault();
    saveScroll();
    go(url, { push: true });
  });

  document.addEventListener('submit', (ev) => {
    if (ev.defaultPrevented) return;
    const form = ev.target;
    if (!(form instanceof HTMLFormElement) || (form.method || 'get').toLowerCase() !== 'get') return;
    const url = new URL(form.action || location.href, location.href);
    if (!eligible(url)) return;
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form, ev.submitter)) {
      if (typeof v === 'string' && v !== '') params.append(k, v);
    }
    url.search = params.toString();
    ev.preventDefault();
    saveScroll();
    go(url, { push: true });
  });

  addEventListener('popstate', (ev) => {
    go(new URL(location.href), { push: false, scroll: ev.state && ev.state.gkScroll });
  });

  history.scrollRestoration = 'manual';
})();
