import { describe, expect, it } from 'vitest';
import { caseActions } from '../../../designer/src/lib/components/thread/caseActions';
import { wordRefusal, type CaseRefusal } from '../../../designer/src/lib/refusals';

const options = { pullAllowed: true, hasPhone: true };
const standard = { lifecycle: 'standard' as const };

describe('what an agent can do on a case, before asking the workflow', () => {
  it('asks to claim before replying or resolving a case nobody holds', () => {
    const can = caseActions({ ...standard, status: 'queued', assignee: null }, 'ana', options);
    expect(can.claim).toBeNull();
    expect(can.reply).toEqual({ code: 'case.notYours', action: 'reply' });
    expect(wordRefusal(can.reply!, 'en')).toBe(
      'claim the case before you reply: it is not yours yet.',
    );
    expect(can.resolve).toEqual({ code: 'case.notYours', action: 'resolve' });
    expect(can.note).toBeNull();
    expect(can.transfer).toBeNull();
    expect(can.reopen).toBeUndefined();
  });

  it('lets the holder act, and names the holder to everyone else', () => {
    const state = { ...standard, status: 'assigned' as const, assignee: 'ana' };
    const mine = caseActions(state, 'ana', options);
    expect([mine.claim, mine.reply, mine.resolve, mine.transfer]).toEqual([
      undefined,
      null,
      null,
      null,
    ]);
    const theirs = caseActions(state, 'bruno', options);
    expect(theirs.resolve).toEqual({
      code: 'case.heldByOther',
      action: 'resolve',
      assignee: 'ana',
    });
    expect(wordRefusal(theirs.transfer!, 'fr', () => 'Ana Costa')).toBe(
      'impossible de transférer : Ana Costa traite ce dossier.',
    );
  });

  it('shows claim disabled in a queue whose cases are offered, and callbacks only with a phone', () => {
    const can = caseActions({ ...standard, status: 'queued', assignee: null }, 'ana', {
      pullAllowed: false,
      hasPhone: false,
    });
    expect(can.claim).toEqual({ code: 'claim.pullNotAllowed' });
    expect(can.scheduleCallback).toBeUndefined();
  });

  it('offers only a note and reopening once resolved, and only reopening once closed', () => {
    expect(
      caseActions({ ...standard, status: 'resolved', assignee: 'ana' }, 'ana', options),
    ).toEqual({ note: null, reopen: null });
    expect(caseActions({ ...standard, status: 'closed', assignee: 'ana' }, 'ana', options)).toEqual(
      {
        reopen: null,
      },
    );
  });

  it('ends a B2B complaint by its formal answer, not by resolve', () => {
    const can = caseActions(
      { lifecycle: 'b2b-complaint', status: 'assigned', assignee: 'ana' },
      'ana',
      options,
    );
    expect(can.resolve).toEqual({ code: 'b2b.resolveByFormalAnswer' });
    expect(can.submitDraft).toBeNull();
    expect(can.legalReview).toBeNull();
  });
});

describe('what the designer answers itself, in French and in English', () => {
  it('words every code of its own, without raw field names', () => {
    const problems: CaseRefusal[] = [
      { code: 'form.noCase' },
      { code: 'form.incomplete', fields: ['reason', 'agentId'] },
      { code: 'form.incomplete', fields: [] },
      { code: 'case.notRunning' },
      { code: 'case.failed' },
    ];
    for (const p of problems) {
      const fr = wordRefusal(p, 'fr');
      const en = wordRefusal(p, 'en');
      expect(fr).not.toBe(en);
      for (const words of [fr, en]) {
        expect(words.length).toBeGreaterThan(10);
        expect(words).not.toMatch(/agentId|undefined|form\.|case\./);
      }
    }
    expect(wordRefusal(problems[1]!, 'fr')).toBe('à compléter : le motif.');
    expect(wordRefusal(problems[1]!, 'en')).toBe('please fill in: the reason.');
  });
});
