// Starts Gongkai's islands. Called with the paths of the wasm-bindgen module
// and its WebAssembly; when the browser is idle it loads both, then hydrates
// every <leptos-island> in the page, outer ones first. An island passed
// into another as children (inside <leptos-children>) hydrates within its
// parent's context: the parent leaves a hook on that element, run first.
// window.__hydrateIsland lets the page navigation (nav.js) hydrate the
// islands of a page it swapped in.
((moduleUrl, wasmUrl) => {
  const later = window.requestIdleCallback || ((fn) => setTimeout(fn, 1));
  later(async () => {
    const mod = await import(moduleUrl);
    await mod.default({ module_or_path: wasmUrl });
    mod.hydrate();
    const hooks = [];
    const hydrateOne = async (el, name) => {
      const start = mod[name];
      if (!start) {
        console.warn(`no WebAssembly function for the island ${name}`);
        return;
      }
      const hook = hooks[hooks.length - 1];
      if (hook) hook();
      await start(el);
    };
    const walk = async (el) => {
      const tag = el.localName;
      if (tag === 'leptos-island') await hydrateOne(el, el.dataset.component);
      if (tag === 'leptos-children') hooks.push(el.$$on_hydrate);
      for (const child of Array.from(el.children)) await walk(child);
      if (tag === 'leptos-children') hooks.pop();
    };
    window.__hydrateIsland = (el, name) => hydrateOne(el, name);
    await walk(document.body);
  });
})
