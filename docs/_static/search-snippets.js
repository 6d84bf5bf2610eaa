// The search results' snippets: Sphinx cuts them from a page's whole text, formulas and code cells included, so a
// snippet could open on raw LaTeX ("\(QK^\top\)") or on a cell's printout. Here the snippet is cut from the prose
// only. Loaded with `defer`: it runs after searchtools.js has defined `Search`, before the search itself starts.
(function () {
  if (typeof Search === 'undefined' || !Search.htmlToText) return;
  const original = Search.htmlToText;
  const notProse = ['.math', 'div.cell_input', 'div.cell_output', '.toctree-wrapper', 'nav', 'table.highlight',
                    'div.highlight', 'a.full-size', '.lang-switch'];
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, 'text/html');
    doc.querySelectorAll(notProse.join(',')).forEach((el) => el.remove());
    return original(doc.documentElement.outerHTML, anchor);
  };
})();
