// The site search's ranking (Sphinx's `html_search_scorer`): Sphinx's own weights, plus one rule. A page whose
// title holds the whole query ("위치 인코딩" → "7장: 위치 인코딩") comes before pages that only mention it, so a
// search for a chapter's subject opens with that chapter.
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score] = result;
    const query = (new URLSearchParams(window.location.search).get('q') || '').trim().toLowerCase();
    return score + (query && !anchor && title.toLowerCase().includes(query) ? 30 : 0);
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
