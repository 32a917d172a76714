/**
 * Words that signal a dispute, a legal threat or an urgent complaint, in French and English.
 * `weight` is how strongly one occurrence alone suggests an angry customer (0 … 1); `phrases`
 * are the forms searched for, as PhraseMatcher patterns (accents and case do not matter).
 */
export interface AngerKeyword {
  keyword: string;
  weight: number;
  phrases: string[];
}

export const angerKeywords: readonly AngerKeyword[] = [
  {
    keyword: 'mise en demeure',
    weight: 1,
    phrases: ['mise en demeure', 'mets en demeure', 'met en demeure'],
  },
  { keyword: 'avocat', weight: 0.9, phrases: ['avocat*'] },
  { keyword: 'tribunal', weight: 0.9, phrases: ['tribunal', 'tribunaux', 'justice'] },
  { keyword: 'médiateur', weight: 0.8, phrases: ['mediateur*', 'mediation'] },
  { keyword: 'litige', weight: 0.7, phrases: ['litige*'] },
  { keyword: 'plainte', weight: 0.7, phrases: ['plainte*', 'porter plainte'] },
  { keyword: 'inadmissible', weight: 0.6, phrases: ['inadmissible'] },
  { keyword: 'inacceptable', weight: 0.6, phrases: ['inacceptable'] },
  { keyword: 'scandale', weight: 0.6, phrases: ['scandal*', 'honteux', 'honte'] },
  { keyword: 'arnaque', weight: 0.7, phrases: ['arnaqu*', 'escroqu*', 'voleur*'] },
  { keyword: 'résilier', weight: 0.6, phrases: ['resilier', 'resiliation', 'resilie'] },
  { keyword: 'remboursement', weight: 0.4, phrases: ['rembours*'] },
  { keyword: 'lawyer', weight: 0.9, phrases: ['lawyer*', 'attorney*', 'solicitor*'] },
  { keyword: 'legal action', weight: 0.9, phrases: ['legal action', 'sue', 'court'] },
  { keyword: 'ombudsman', weight: 0.8, phrases: ['ombudsman'] },
  { keyword: 'formal complaint', weight: 0.8, phrases: ['formal complaint'] },
  { keyword: 'dispute', weight: 0.7, phrases: ['dispute*', 'chargeback'] },
  { keyword: 'unacceptable', weight: 0.6, phrases: ['unacceptable', 'outrageous', 'disgrace*'] },
  { keyword: 'scam', weight: 0.7, phrases: ['scam*', 'fraud*'] },
  {
    keyword: 'cancel my contract',
    weight: 0.6,
    phrases: ['cancel my contract', 'cancel my subscription', 'close my account'],
  },
  { keyword: 'refund', weight: 0.4, phrases: ['refund*'] },
];
