// The search results' snippets: Sphinx cuts them from the text of a page's whole main column, the theme's contents
// list and buttons, formulas and code cells included, so a snippet could open on "Contents", on raw LaTeX
// ("\(QK^\top\)") or on a cell's printout. Here the snippet is cut from the article's prose only, with its white
// space folded. Loaded with `defer`: it runs after searchtools.js has defined `Search`, before the search starts.
(function () {
  if (typeof Search === 'undefined' || !Search.htmlToText) return;
  const notProse = ['.math', 'div.cell_input', 'div.cell_output', '.toctree-wrapper', 'nav', 'div.highlight',
                    'a.full-size', 'h1', '.headerlink', 'script', 'style', '[data-attention-view]'];
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, 'text/html');
    const article = doc.querySelector('article') || doc.querySelector('[role="main"]');
    if (!article) return '';
    article.querySelectorAll(notProse.join(',')).forEach((el) => el.remove());
    const part = (anchor && article.querySelector(anchor)) || article;
    return part.textContent.replace(/\s+/g, ' ');
  };
})();
