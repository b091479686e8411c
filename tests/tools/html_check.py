#!/usr/bin/env python3
"""Checks on pmoaudit's report.html for the end-to-end tests. Each command
prints what is wrong (nothing when all holds) and exits 1 when something is.

  html_check.py page HTML          well-formed, self-contained, one script the
                                   CSP allows by its hash, one inert data block
  html_check.py data HTML JSON     the data block lists every unwaived finding of
                                   report.json, in order, with the same fields
  html_check.py projects HTML JSON each portfolio row's count is its findings in
                                   report.json plus its "N not listed", and the
                                   data block has exactly the listed ones
  html_check.py health HTML        prints the portfolio rows: id, health, band
"""
import base64
import datetime
import hashlib
import html
import json
import re
import sys
from html.parser import HTMLParser

VOID = {'meta', 'input', 'br', 'img', 'hr', 'link', 'col', 'wbr', 'source'}
DATA_OPEN = '<script type="application/json" id="pa-data">'
SEV = ['info', 'warning', 'error', 'critical']


class Tags(HTMLParser):
    """Nesting, duplicate ids and anything that points outside the file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.bad, self.scripts = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            if a['id'] in self.ids:
                self.bad.append(f'duplicate id {a["id"]!r}')
            self.ids.add(a['id'])
        for k in ('src', 'href', 'action', 'srcset', 'data', 'xlink:href'):
            v = a.get(k)
            if v is not None and not v.startswith('#'):
                self.bad.append(f'<{tag} {k}="{v}"> points outside the file')
        if tag in ('link', 'iframe', 'object', 'embed', 'img'):
            self.bad.append(f'<{tag}> element')
        if tag == 'script':
            self.scripts.append(a)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.bad.append(f'line {self.getpos()[0]}: </{tag}> closes {self.stack[-1] if self.stack else "nothing"}')
            return
        self.stack.pop()


def read(path):
    raw = open(path, 'rb').read()
    return raw.decode('utf-8')


def data_text(text):
    """The text of the data block, or None."""
    i = text.find(DATA_OPEN)
    if i < 0:
        return None
    i += len(DATA_OPEN)
    return text[i:text.index('</script>', i)]


def page(path):
    bad = []
    try:
        text = read(path)
    except UnicodeDecodeError as e:
        return [f'not UTF-8: {e}']
    p = Tags()
    p.feed(text)
    p.close()
    bad += p.bad
    if p.stack:
        bad.append(f'unclosed: {p.stack[-3:]}')
    if not text.startswith('<!DOCTYPE html>'):
        bad.append('no doctype')
    d = data_text(text)
    markup = text.replace(d, '') if d else text  # the data block's strings are data, not references
    if re.search(r'https?://', re.sub(r'>[^<]*<', '><', markup)):  # in a tag (text nodes are data)
        bad.append('an http(s):// reference')
    if re.search(r'@import|url\(', markup):
        bad.append('CSS loading something')
    # one script that runs, allowed by its hash; at most one data block
    runs = [a for a in p.scripts if a.get('type') != 'application/json']
    blocks = [a for a in p.scripts if a.get('type') == 'application/json']
    if len(runs) != 1 or any(a for a in runs) or len(blocks) > 1 or any(a.get('id') != 'pa-data' for a in blocks):
        bad.append(f'scripts: {p.scripts}')
    if text.count('</script>') != len(p.scripts) or text.lower().count('<script') != len(p.scripts):
        bad.append(f'{text.lower().count("<script")} <script and {text.count("</script>")} </script> for '
                   f'{len(p.scripts)} script elements')
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
    i = text.rfind('<script>')
    js = text[i + len('<script>'):text.index('</script>', i)] if i >= 0 else ''
    want = "script-src 'sha256-%s';" % base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
    if not m or want not in m.group(1) or 'unsafe-inline' in m.group(1).split('script-src')[1].split(';')[0]:
        bad.append(f'the CSP does not allow exactly the page\'s script ({want}): {m and m.group(1)}')
    if d is not None:
        for ch in '<>&\u2028\u2029':
            if ch in d:
                bad.append(f'the data block has a raw {ch!r}')
        try:
            json.loads(d)
        except ValueError as e:
            bad.append(f'the data block is not JSON: {e}')
    return bad


def load_data(text):
    """The data block as a list of findings (dicts), columns spread."""
    d = json.loads(data_text(text))
    n = d['n']
    for k in ('r', 's', 'p', 'o', 'f', 't', 'l', 'c', 'a', 'b'):
        if isinstance(d.get(k), int):
            d[k] = [d[k]] * n
    if 'o' not in d:
        d['o'] = [-1 if p < 0 else d['po'][p] for p in d['p']]
    for k in ('k', 'm', 'v'):
        if k + 's' in d:
            d[k] = [0 if j < 0 else d[k + 's'][j] for j in d[k]]
    out = []
    for i in range(n):
        f, t, c = d['f'][i], d['t'][i], d['c'][i]
        out.append({
            'rule': d['rules'][d['r'][i]][0], 'severity': SEV[d['s'][i]],
            'project_id': d['prj'][d['p'][i]] if d['p'][i] >= 0 else None,
            'owner': d['own'][d['o'][i]] if d['o'][i] >= 0 else None,
            'file': d['file'][f] if f >= 0 else None, 'table': d['tab'][t] if t >= 0 else None,
            'line': d['l'][i], 'column': d['col'][c] if c >= 0 else None,
            'key': d['k'][i] or None, 'message': d['m'][i] or None, 'value': d['v'][i] or None,
            'age': d['a'][i] if 'a' in d else None, 'baseline': d['b'][i] if 'b' in d else None,
        })
    return d, out


def cut(s, n):
    """What the page shows of s: at most n bytes, cut at a character, and an ellipsis."""
    if s is None:
        return None
    b = s.encode()
    if len(b) <= n:
        return s
    return b[:n].decode('utf-8', 'ignore') + '\u2026'


def data(html_path, json_path):
    text = read(html_path)
    rep = json.load(open(json_path, encoding='utf-8'))
    if data_text(text) is None:
        return [] if not [f for f in rep['findings'] if not f['waived']] else ['no data block']
    d, got = load_data(text)
    want = [f for f in rep['findings'] if not f['waived']]
    bad = []
    if len(got) != len(want) or d['n'] != len(want):
        bad.append(f'the data block has {len(got)} findings (n={d["n"]}), report.json {len(want)} unwaived')
    as_of = datetime.date.fromisoformat(rep['as_of'])
    for i, (g, f) in enumerate(zip(got, want)):
        age = (as_of - datetime.date.fromisoformat(f['first_seen'])).days if f.get('first_seen') else -1
        w = {'rule': f['rule'], 'severity': f['severity'], 'project_id': f['project_id'] or None,
             'owner': f.get('owner'), 'file': f['file'], 'table': None if f['file'] else f['table'],
             'line': f['line'] if f['file'] else 0, 'column': cut(f['column'], 80), 'key': cut(f['key'], 200) or None,
             'message': cut(f['message'], 1000), 'value': cut(f['value'], 160) or None,
             'age': age if g['age'] is not None else None,
             'baseline': {'new': 1, 'existing': 2}.get(f.get('baseline'), 0) if g['baseline'] is not None else None}
        if g != w:
            bad.append(f'finding {i}: html {g}\n  json {w}')
            break
    return bad


def rows(text):
    """The portfolio rows: id, health (hundredths), band, findings count, not listed."""
    out = []
    for m in re.finditer(r'<tr id="p-([^"]*)">(.*?)</tr>', text, re.S):
        h = re.search(r'<td class="n" data-v="(\d+)"><span class="hs h(\w)"', m.group(2))
        go = re.search(r'<td class="go" data-v="(\d+)">', m.group(2))
        nl = re.search(r'<small class="nl">([\d,]+) not listed</small>', m.group(2))
        out.append((m.group(1), int(h.group(1)) if h else None, h.group(2) if h else None,
                    int(go.group(1)) if go else None, int(nl.group(1).replace(',', '')) if nl else 0))
    return out


def projects(html_path, json_path):
    text = read(html_path)
    rep = json.load(open(json_path, encoding='utf-8'))
    listed = {}
    for f in rep['findings']:
        if not f['waived'] and f['project_id']:
            listed[f['project_id']] = listed.get(f['project_id'], 0) + 1
    in_data = {}
    if data_text(text) is not None:
        for f in load_data(text)[1]:
            if f['project_id']:
                in_data[f['project_id']] = in_data.get(f['project_id'], 0) + 1
    bad = []
    ids = set()
    for pid, _, _, count, not_listed in rows(text):
        pid = html.unescape(pid)
        ids.add(pid)
        if count - not_listed != listed.get(pid, 0) or in_data.get(pid, 0) != listed.get(pid, 0):
            bad.append(f'{pid}: row says {count} findings, {not_listed} not listed; report.json lists '
                       f'{listed.get(pid, 0)}, the data block {in_data.get(pid, 0)}')
    missing = set(listed) - ids
    if missing and 'more: see report.json / report.csv</td></tr>' not in text:
        bad += [f'{p}: findings but no portfolio row' for p in sorted(missing)[:5]]
    return bad


def main():
    cmd = sys.argv[1]
    if cmd == 'page':
        bad = page(sys.argv[2])
    elif cmd == 'data':
        bad = data(sys.argv[2], sys.argv[3])
    elif cmd == 'projects':
        bad = projects(sys.argv[2], sys.argv[3])
    elif cmd == 'health':
        for r in rows(read(sys.argv[2])):
            print(r[0], r[1], r[2])
        return
    else:
        sys.exit(f'unknown command {cmd}')
    for m in bad[:5]:
        print(m)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
