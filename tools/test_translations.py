"Tests of tools/translations.py (the Korean catalogs' update and check) and of the Korean search splitter in docs/conf.py."
import importlib.util, sys
from pathlib import Path

import polib
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from translations import check, has_prose, invariants, is_korean, problems, stats, update

def test_invariants_keep_code_maths_and_targets():
    en = "The mask `True` = may attend, $\\alpha_{ij}$, see [Chapter 3](scaled_dot_product.ipynb#masks)."
    assert invariants(en) == invariants("마스크 `True` = 어텐션 가능, $\\alpha_{ij}$, [3장](scaled_dot_product.ipynb#masks) 참고.")
    assert invariants(en) != invariants("마스크 `False`, $\\alpha_{ij}$, [3장](scaled_dot_product.ipynb#masks) 참고.")
    assert invariants(en) != invariants("마스크 `True`, $\\alpha_{ij}$, [3장](glossary.ipynb) 참고.")
    assert invariants(en) != invariants("마스크 `True`, [3장](scaled_dot_product.ipynb#masks) 참고.")     # formula lost

def test_role_display_text_may_change_its_target_not():
    en = "{download}`Download notebook <_notebooks/01_bahdanau.ipynb>`"
    assert invariants(en) == invariants("{download}`노트북 내려받기 <_notebooks/01_bahdanau.ipynb>`")
    assert invariants(en) != invariants("{download}`노트북 내려받기 <_notebooks/02_luong.ipynb>`")
    # a code name's role keeps its text; a docstring's reST role may become MyST's
    api = "{py:obj}`MultiHeadAttention <attention_explained.multihead.MultiHeadAttention>`"
    assert invariants(api) == invariants(api + "을 씁니다")
    assert invariants("*Taught in* :ref:`Chapter 3 › Masks <taught-masks>`.") == \
           invariants("*다루는 곳:* {ref}`3장 › 마스크 <taught-masks>`.")
    assert invariants(":math:`d_k`") == invariants("$d_k$")

def test_bold_that_markdown_cannot_close_is_caught():
    en = "the **bottleneck (병목)** of the model"
    assert invariants(en) == invariants("모델의 **병목**(bottleneck)이라고")
    assert invariants(en) != invariants("모델의 **병목(bottleneck)**이라고")      # `)**이` does not close

def test_prose_and_korean():
    assert has_prose('The attention weights') and not has_prose('`torch.ones(n, n).tril()`')
    assert not has_prose('h_j = \\left[\\overrightarrow{h}_j\\right]') and not has_prose('$O(n^2 d)$')
    assert is_korean('디코더가 `tgt_in`을 읽습니다') and not is_korean('The decoder (디코더) reads `tgt_in`')
    assert not has_prose('이 장은 **[DL] 쉽게 풀어쓴 Attention** 글을 따라갑니다.')

POT = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The attention weights"
msgstr ""

msgid "Masks use `True` = may attend."
msgstr ""

msgid "$O(n^2 d)$"
msgstr ""
'''

@pytest.fixture
def catalogs(tmp_path):
    (tmp_path/'pot').mkdir()
    (tmp_path/'pot'/'page.pot').write_text(POT)
    update(tmp_path/'pot', tmp_path/'locales', quiet=True)
    return tmp_path

def test_update_creates_catalogs_and_copies_prose_free_messages(catalogs):
    po = polib.pofile(str(catalogs/'locales'/'ko'/'LC_MESSAGES'/'page.po'))
    assert {e.msgid: e.msgstr for e in po}['$O(n^2 d)$'] == '$O(n^2 d)$'
    assert stats(catalogs/'locales')['page'] == dict(messages=3, translated=1, fuzzy=0, untranslated=2)
    assert not po.metadata_is_fuzzy and po.metadata['Last-Translator'] == 'attention_explained translators'

def _translate(path, mapping):
    po = polib.pofile(str(path))
    for e in po:
        if e.msgid in mapping: e.msgstr = mapping[e.msgid]
    po.save(str(path))

def test_check_fails_on_untranslated_fuzzy_and_markup(catalogs, capsys):
    pot, loc = catalogs/'pot', catalogs/'locales'
    path = loc/'ko'/'LC_MESSAGES'/'page.po'
    assert check(pot, loc) == 1 and 'untranslated' in capsys.readouterr().out
    _translate(path, {'The attention weights': '어텐션 가중치', 'Masks use `True` = may attend.': '마스크는 `True` = 어텐션 가능입니다.'})
    assert check(pot, loc) == 0
    _translate(path, {'Masks use `True` = may attend.': '마스크는 True = 어텐션 가능입니다.'})       # the code span lost
    assert check(pot, loc) == 1 and "lost: ['code:True']" in capsys.readouterr().out
    _translate(path, {'Masks use `True` = may attend.': '마스크는 `True` = 어텐션 가능입니다.'})
    # the English changes: the old translation turns fuzzy, and check names it, before anyone ran update
    (pot/'page.pot').write_text(POT.replace('The attention weights', 'The attention weights, each row'))
    assert check(pot, loc) == 1 and 'fuzzy' in capsys.readouterr().out
    assert problems(polib.pofile(str(path))) == []          # the committed catalog itself is untouched by check

def test_korean_search_indexes_nouns_without_their_particles():
    import site_i18n as conf
    words = conf.SearchKorean({}).split('어텐션은 멀티 헤드 어텐션을 위치 인코딩의 길이 키가')
    for w in ('어텐션은', '어텐션', '멀티', '헤드', '위치', '인코딩', '인코딩의', '키가'):
        assert w in words
    assert conf._strip_particle('길이') == '길이'           # one syllable would be left: not a particle
    assert conf._strip_particle('attention') == 'attention'
