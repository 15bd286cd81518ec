#!/usr/bin/python3
"""Score quote attribution: (quote, speaker) pairs against bench/quotes/annotations.jsonl.

    eval_quotes.py DATA PRED.jsonl [--verbose]

DATA is ../shared/data; PRED holds bench/eval_quotes.c's output (one JSON line per quote found:
file, start, end, speaker).  The annotations hold offsets only: for each article (path relative
to DATA) the byte span of each quote's text (without the marks) and the byte span of the
speaker's name where it first appears in full, and its set: "dev" (the articles looked at while
the rules were written) or "test" (annotated afterwards and scored once, before any change).

A predicted quote matches a gold quote when their spans overlap by at least half of the longer
of the two.  A pair is correct when the quote matches and the speaker names match on the
surname: the gold name's last word (lower case, possessive 's dropped) is one of the predicted
speaker's words.  Each gold quote is matched at most once.
"""
import json
import re
import sys


def words(s):
    return [w[:-2] if w.endswith("'s") else w for w in re.findall(r"[\w'.-]+", s.lower())]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    verbose = '--verbose' in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    data, pred_path = args
    ann = [json.loads(l) for l in open(sys.path[0] + '/quotes/annotations.jsonl')]
    pred = {}
    for line in open(pred_path):
        d = json.loads(line)
        pred.setdefault(d['file'], []).append(d)
    for name in ('dev', 'test', 'all'):
        score(name, [a for a in ann if name in ('all', a.get('set'))], data, pred, verbose)


def score(name, ann, data, pred, verbose):
    gold_n = pred_n = pred_spk = q_ok = pair_ok = 0
    for a in ann:
        text = open(data + '/' + a['file'], 'rb').read()
        ps = pred.get(a['file'], [])
        pred_n += len(ps)
        pred_spk += sum(1 for p in ps if p['speaker'])
        used = set()
        for g in a['quotes']:
            gold_n += 1
            gname = text[g['speaker'][0]:g['speaker'][1]].decode('utf-8', 'replace')
            gw = words(gname)
            best = None
            for i, p in enumerate(ps):
                if i in used:
                    continue
                inter = min(g['end'], p['end']) - max(g['start'], p['start'])
                if inter >= 0.5 * max(g['end'] - g['start'], p['end'] - p['start']):
                    best = i
                    break
            if best is None:
                if verbose and name != 'all':
                    print('MISS  %s %d-%d %r: %s' % (a['file'], g['start'], g['end'], gname,
                          text[g['start']:g['end']][:60].decode('utf-8', 'replace')))
                continue
            used.add(best)
            q_ok += 1
            p = ps[best]
            if gw and gw[-1] in words(p['speaker']):
                pair_ok += 1
            elif verbose and name != 'all':
                print('WRONG %s %d-%d gold %r, found %r' % (a['file'], g['start'], g['end'],
                      gname, p['speaker']))
        if verbose and name != 'all':
            for i, p in enumerate(ps):
                if i not in used:
                    print('EXTRA %s %d-%d %r: %s' % (a['file'], p['start'], p['end'],
                          p['speaker'],
                          text[p['start']:p['end']][:60].decode('utf-8', 'replace')))

    def ratio(a, b):
        return a / b if b else 0.0

    print('-- %s: articles %d, gold quotes %d, found %d (%d with a speaker)' %
          (name, len(ann), gold_n, pred_n, pred_spk))
    print('quotes (span only):      precision %.3f  recall %.3f' %
          (ratio(q_ok, pred_n), ratio(q_ok, gold_n)))
    p = ratio(pair_ok, pred_spk)
    r = ratio(pair_ok, gold_n)
    f = 2 * p * r / (p + r) if p + r else 0.0
    print('(quote, speaker) pairs:  precision %.3f  recall %.3f  F1 %.3f  '
          '(precision over quotes found with a speaker)' % (p, r, f))
    print('(quote, speaker) pairs:  precision %.3f over every quote found' %
          ratio(pair_ok, pred_n))


if __name__ == '__main__':
    main()
