"""Writes hero_attention.svg next to this script: the landing page's figure (hand-laid SVG; Hangul in NanumGothic).

    python nbs/images/hero_attention.py
"""
from pathlib import Path
rows = ['나는', '고양이를', '좋아해']          # what the decoder writes (Korean)
cols = ['I', 'love', 'cats']                  # the source it looks back at (English)
W = [[0.86, 0.08, 0.06], [0.05, 0.10, 0.85], [0.07, 0.81, 0.12]]
def colour(w):                                 # white -> deep blue
    lo, hi = (247, 251, 255), (8, 48, 107)
    return '#%02x%02x%02x' % tuple(round(a + (b - a) * w) for a, b in zip(lo, hi))
F = 'font-family="NanumGothic, \'Noto Sans CJK KR\', \'Apple SD Gothic Neo\', \'Malgun Gothic\', sans-serif"'
out = ['<svg xmlns="http://www.w3.org/2000/svg" width="720" height="300" viewBox="0 0 720 300" role="img" '
       'aria-label="Attention weights: each Korean output word looks back at the English source word it translates">',
       '<title>Each Korean word the decoder writes looks back at the English word it needs</title>',
       '<rect width="720" height="300" fill="#ffffff"/>']
x0, y0, s = 110, 58, 62
out.append(f'<text x="{x0 + 1.5*s}" y="30" text-anchor="middle" font-size="16" {F} fill="#333">source (keys, values)</text>')
for j, c in enumerate(cols):
    out.append(f'<text x="{x0 + j*s + s/2}" y="{y0 - 8}" text-anchor="middle" font-size="17" {F} fill="#111">{c}</text>')
for i, r in enumerate(rows):
    out.append(f'<text x="{x0 - 10}" y="{y0 + i*s + s/2 + 6}" text-anchor="end" font-size="17" {F} fill="#111">{r}</text>')
    for j in range(3):
        w = W[i][j]
        out.append(f'<rect x="{x0 + j*s}" y="{y0 + i*s}" width="{s-2}" height="{s-2}" fill="{colour(w)}"/>')
        out.append(f'<text x="{x0 + j*s + s/2 - 1}" y="{y0 + i*s + s/2 + 5}" text-anchor="middle" font-size="14" {F} '
                   f'fill="{"#fff" if w > 0.5 else "#333"}">{w:.2f}</text>')
out.append(f'<text x="28" y="{y0 + 1.5*s}" text-anchor="middle" font-size="16" {F} fill="#333" '
           f'transform="rotate(-90 28 {y0 + 1.5*s})">output (queries)</text>')
# colour bar
cx = x0 + 3*s + 14
for k in range(40):
    w = 1 - k/39
    out.append(f'<rect x="{cx}" y="{y0 + k*(3*s-2)/40:.1f}" width="12" height="{(3*s-2)/40 + 0.6:.1f}" fill="{colour(w)}"/>')
out.append(f'<text x="{cx + 18}" y="{y0 + 10}" font-size="13" {F} fill="#333">1</text>')
out.append(f'<text x="{cx + 18}" y="{y0 + 3*s - 4}" font-size="13" {F} fill="#333">0</text>')
# right: one query against the keys
qx, qy = 425, 150
keys = [('I', 0.07, 80), ('love', 0.81, 150), ('cats', 0.12, 220)]
out.append(f'<rect x="{qx - 62}" y="{qy - 20}" width="92" height="40" rx="8" fill="#fde9c8" stroke="#e08a00"/>')
out.append(f'<text x="{qx - 16}" y="{qy + 6}" text-anchor="middle" font-size="17" {F} fill="#111">좋아해</text>')
out.append(f'<text x="{qx - 16}" y="{qy + 42}" text-anchor="middle" font-size="13" {F} fill="#555">query q</text>')
for name, w, ky in keys:
    out.append(f'<line x1="{qx + 30}" y1="{qy}" x2="{qx + 140}" y2="{ky}" stroke="#08306b" stroke-width="{1 + 9*w:.1f}" '
               f'stroke-linecap="round" opacity="{0.35 + 0.65*w:.2f}"/>')
    out.append(f'<rect x="{qx + 140}" y="{ky - 17}" width="76" height="34" rx="6" fill="#deebf7" stroke="#4a7fb5"/>')
    out.append(f'<text x="{qx + 178}" y="{ky + 6}" text-anchor="middle" font-size="16" {F} fill="#111">{name}</text>')
    out.append(f'<text x="{qx + 224}" y="{ky + 5}" font-size="14" {F} fill="#333">α = {w:.2f}</text>')
out.append(f'<text x="{qx + 105}" y="275" text-anchor="middle" font-size="15" {F} fill="#333">'
           'context = Σ α · value</text>')
out.append('</svg>')
open(Path(__file__).with_suffix('.svg'), 'w').write('\n'.join(out) + '\n')
