// The search results' snippets: Sphinx cuts them from a page's whole text, formulas and code cells included, so a
// snippet could open on raw LaTeX ("\(QK^\top\)") or on a cell's printout. Here the snippet is cut from the prose
// only. Loaded with `defer`: it runs after searchtools.js has defined `Search`, before the search itself starts.
(function () {
  if (typeof Search === 'undefined' || !Search.htmlToText) return;
  const original = Search.htmlToText;
  // (and the theme's text in the main column: the contents sidebar, the header buttons, the page title that the
  // result already shows, the previous/next links)
  const notProse = ['.math', 'div.cell_input', 'div.cell_output', '.toctree-wrapper', 'nav', 'table.highlight',
                    'div.highlight', 'a.full-size', '.lang-switch', '.bd-sidebar-secondary', '.bd-header-article',
                    '.prev-next-area', 'footer', 'h1', '[data-attention-view]'];
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, 'text/html');
    doc.querySelectorAll(notProse.join(',')).forEach((el) => el.remove());
    return original(doc.documentElement.outerHTML, anchor);
  };
})();
